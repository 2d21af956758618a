/** The host runtime: loads any connector's manifest and runs its actions and flows. It knows no remote service. */
export * from './errors';
export * from './types';
export { loadHost, type HostOptions } from './host';
export { loadManifest, type LoadedManifest } from './manifest-loader';
export { loadSchemaRegistry, type SchemaRegistry } from './schema-registry';
export { createLogger } from './logger';
export { secrets } from './secrets';
export { MemoryCredentialStore } from './credentials/memory-store';
export { FileCredentialStore, openDefaultStore } from './credentials';
export { configDir, dataDir } from './paths';
export * as flow from './flow';
export { formFor, validateForm, toJsonForms, createFormBuilder, type FormDescription, type FormField, type FormContext, type FormValidation, type JsonForms } from './forms';
export * as forms from './forms';
