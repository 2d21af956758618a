/**
 * A renderer-neutral description of a form for an action's input, derived from its JSON Schema. A web page, a
 * low-code platform's form builder or a terminal prompt can render it; it carries the JSON Schema path of each
 * field so validation errors map back onto fields.
 */

export type Widget =
  | 'text'
  | 'textarea'
  | 'password'
  | 'number'
  | 'integer'
  | 'checkbox'
  | 'select'
  | 'multi-select'
  | 'date'
  | 'date-time'
  | 'json'
  | 'key-value'
  | 'array'
  | 'object';

export interface FormOption {
  value: unknown;
  label: string;
}

export interface FormField {
  /** JSON pointer of the field in the input, e.g. `/record/Last_Name` (what validation issues carry). */
  path: string;
  /** Property name. */
  name: string;
  label: string;
  help?: string;
  widget: Widget;
  required: boolean;
  default?: unknown;
  examples?: unknown[];
  placeholder?: string;
  /** Fixed choices (enum) or choices fetched live from the connection (see `optionsSource`). */
  options?: FormOption[];
  /** Where live choices come from (the schema's `x-options.source`), and the fields they depend on. */
  optionsSource?: { source: string; dependsOn: string[] };
  /** Show only when other fields have one of these values (the schema's `x-showWhen`). */
  showWhen?: Record<string, unknown[]>;
  /** Sub-fields of an object widget (e.g. a record built from the module's real fields). */
  fields?: FormField[];
  /** The form of one item of an array widget. */
  items?: FormField;
  /** Bounds and formats the widget can enforce while typing. */
  constraints?: { minimum?: number; maximum?: number; minLength?: number; maxLength?: number; pattern?: string; minItems?: number; maxItems?: number };
  /** A remark for the person filling in the form, e.g. why live options fell back to a JSON editor. */
  note?: string;
}

export interface FormDescription {
  actionId: string;
  title: string;
  description: string;
  fields: FormField[];
}

/** Context for building a form: which connection feeds live options, and the values entered so far. */
export interface FormContext {
  connection?: string;
  values?: Record<string, unknown>;
}

/** What a connector's options provider (manifest `connection.optionsProvider`) is asked. */
export interface OptionsRequest {
  /** The schema's `x-options.source`, e.g. `modules`, `fields`, `record-fields`, `picklist`, `users`. */
  source: string;
  /** The values entered so far (its `dependsOn` fields among them). */
  values: Record<string, unknown>;
  /** The connector's client for the chosen connection. */
  client: unknown;
  field: { path: string; name: string };
  /** The values of the field's `dependsOn` entries, in the order `x-options.dependsOn` lists them. */
  dependsOn?: unknown[];
  /** The action whose form is built (a provider may, for example, mark fields required only when creating). */
  actionId?: string;
}

/** Either a list of choices, or (for object fields such as a record) the sub-fields to render. */
export type OptionsResult = { options: FormOption[] } | { fields: FormField[] };

export interface OptionsProviderModule {
  resolveOptions(request: OptionsRequest): Promise<OptionsResult>;
}
