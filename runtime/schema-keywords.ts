/**
 * The custom `x-` keywords our schemas may carry. Ajv runs in strict mode, so each one is registered here with
 * a meta-schema for its value: a typo in a keyword or a malformed value fails when the schema is compiled.
 * They never affect validation; they describe forms and documentation.
 */
export interface AnnotationKeyword {
  keyword: string;
  metaSchema: Record<string, unknown>;
  meaning: string;
}

export const ANNOTATION_KEYWORDS: AnnotationKeyword[] = [
  {
    keyword: 'x-options',
    meaning: 'Choices for this field come live from the connection (e.g. the module list), optionally depending on other fields.',
    metaSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['source'],
      properties: { source: { type: 'string' }, dependsOn: { type: 'array', items: { type: 'string' } } },
    },
  },
  { keyword: 'x-widget', meaning: 'Preferred form widget when the type alone does not say (e.g. textarea, json, key-value).', metaSchema: { type: 'string' } },
  { keyword: 'x-order', meaning: 'Position of the field in a generated form (lower first).', metaSchema: { type: 'number' } },
  { keyword: 'x-showWhen', meaning: 'Show the field only when another field has one of the given values.', metaSchema: { type: 'object', additionalProperties: { type: 'array' } } },
  { keyword: 'x-zoho', meaning: 'Documentation facts about the Zoho endpoint behind an action (method, path, scope).', metaSchema: { type: 'object' } },
];
