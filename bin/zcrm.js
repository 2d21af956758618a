#!/usr/bin/env node
'use strict';
// The installed CLI runs the compiled code in dist/ (built by `npm install` through the prepare script).
require('../dist/cli/main.js').runFromProcess();
