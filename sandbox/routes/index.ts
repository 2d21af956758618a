/** The CRM route table, in matching order: fixed paths first, then the generic `/{module}/...` routes. */
import type { RouteDef } from '../router';
import { cloneRoutes } from './clone';
import { convertRoutes } from './convert';
import { coqlRoutes } from './coql';
import { deletedRoutes } from './deleted';
import { metadataRoutes } from './metadata';
import { noteRoutes } from './notes';
import { recordRoutes } from './records';
import { searchRoutes } from './search';
import { userRoutes } from './users';

export const ROUTES: RouteDef[] = [
  ...metadataRoutes,
  ...userRoutes,
  ...coqlRoutes,
  ...noteRoutes,
  ...convertRoutes,
  ...cloneRoutes,
  ...searchRoutes,
  ...deletedRoutes,
  ...recordRoutes,
];
