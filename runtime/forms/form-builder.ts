/**
 * Builds the form of an action's input: static fields from the JSON Schema, then live choices from the
 * connector's options provider (manifest `connection.optionsProvider`, loaded on first need) for the chosen
 * connection. One builder per host keeps the provider module and the options cache.
 */
import { resolveModule } from '../manifest-loader';
import type { Host } from '../types';
import { errorSentence, fillLiveOptions, type Available } from './live-options';
import { OptionsCache } from './options-cache';
import { pickConnection } from './pick-connection';
import { fieldsFromSchema } from './schema-fields';
import type { FormContext, FormDescription, OptionsProviderModule, OptionsResult } from './types';

export interface FormBuilderOptions {
  /** How long live options are reused (default 60 s). */
  ttlMs?: number;
  now?: () => number;
}

export interface FormBuilder {
  formFor(actionId: string, context?: FormContext): Promise<FormDescription>;
  /** Forgets the cached live options (e.g. after the remote layout changed). */
  clear(): void;
}

export function createFormBuilder(host: Host, options: FormBuilderOptions = {}): FormBuilder {
  const cache = new OptionsCache<OptionsResult>(options.ttlMs, options.now);
  let provider: Available<OptionsProviderModule> | undefined;

  function loadProvider(): Available<OptionsProviderModule> {
    const modulePath = host.manifest.connection.optionsProvider;
    if (!modulePath) return { ok: false, reason: `the ${host.manifest.name} connector declares no options provider.` };
    const resolved = resolveModule(host.root, modulePath);
    if (!resolved) return { ok: false, reason: `the connector's options provider "${modulePath}" was not found.` };
    try {
      const mod = require(resolved) as Partial<OptionsProviderModule>;
      if (typeof mod.resolveOptions !== 'function') return { ok: false, reason: `the connector's options provider "${modulePath}" exports no resolveOptions().` };
      return { ok: true, value: mod as OptionsProviderModule };
    } catch (err) {
      return { ok: false, reason: `the connector's options provider "${modulePath}" could not be loaded: ${errorSentence(err)}` };
    }
  }

  async function connectionFor(requested: string | undefined): Promise<Available<{ nickname: string; client: unknown }>> {
    try {
      const nickname = await pickConnection(host, requested);
      return { ok: true, value: { nickname, client: await host.clientFor(nickname) } };
    } catch (err) {
      return { ok: false, reason: errorSentence(err) };
    }
  }

  return {
    async formFor(actionId, context = {}) {
      const action = host.action(actionId);
      const fields = fieldsFromSchema(host.schema(actionId, 'input'));
      let connection: Promise<Available<{ nickname: string; client: unknown }>> | undefined;
      await fillLiveOptions(
        {
          host,
          actionId,
          values: context.values ?? {},
          topFields: fields,
          provider: () => (provider ??= loadProvider()),
          connection: () => (connection ??= connectionFor(context.connection)),
          cache,
        },
        fields,
      );
      return { actionId, title: action.title, description: action.description, fields };
    },
    clear: () => cache.clear(),
  };
}
