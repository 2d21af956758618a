// Child process of the kill -9 flow test: runs a flow whose `hang` action never returns, and says when it got there.
import { loadFlowFile, runFlow } from '../../runtime/flow';
import { fakeExecutor } from './flow-fake-executor';

const [flowFile, journalDir, runId] = process.argv.slice(2) as [string, string, string];

const executor = fakeExecutor({
  make: (input) => ({ value: (input as { value: string }).value }),
  hang: () => {
    process.stdout.write('HANGING\n');
    // A timer keeps the process alive until the parent kills it.
    return new Promise(() => setInterval(() => undefined, 1000));
  },
});

loadFlowFile(flowFile)
  .then((flow) => runFlow(flow, { executor, journalDir, runId }))
  .then(
    (result) => process.stdout.write(`DONE ${result.status}\n`),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
