/**
 * A field's full metadata as `GET /settings/fields` answers it. Every key the OpenAPI file (fields.json) marks
 * required is present; keys that carry nothing for a field hold Zoho's empty forms (null, {}, []).
 */
import { LEAD_CONVERT_MAPPING } from './convert-mapping';
import type { FieldDef, ModuleDef } from './modules';

const JSON_TYPE: Record<string, string> = {
  integer: 'integer',
  bigint: 'integer',
  double: 'double',
  currency: 'double',
  percent: 'double',
  boolean: 'boolean',
  lookup: 'jsonobject',
  ownerlookup: 'jsonobject',
  multiselectpicklist: 'jsonarray',
};

const UI_TYPE: Record<string, number> = {
  text: 1,
  textarea: 3,
  email: 25,
  phone: 33,
  website: 21,
  picklist: 2,
  multiselectpicklist: 100,
  integer: 32,
  bigint: 36,
  double: 38,
  currency: 36,
  percent: 37,
  boolean: 301,
  date: 24,
  datetime: 333,
  lookup: 133,
  ownerlookup: 8,
};

const NULL_MODULE = { api_name: null, id: null };
const PROFILES = [
  { name: 'Administrator', id: '4876876000000026014' },
  { name: 'Standard', id: '4876876000000026017' },
];

/** Field ids are stable: module sequence and field position. */
export function fieldId(module: ModuleDef, index: number): string {
  return `4876876000000${String(300000 + module.sequence_number * 200 + index * 2 + 1).padStart(6, '0')}`;
}

function picklistValues(field: FieldDef, module: ModuleDef, index: number) {
  return (field.pick_list_values ?? []).map((value, i) => ({
    colour_code: null,
    actual_value: value,
    type: 'used',
    id: `${fieldId(module, index).slice(0, 13)}${String(700000 + module.sequence_number * 5000 + index * 60 + i).padStart(6, '0')}`,
    sequence_number: i + 1,
    display_value: value,
  }));
}

function lookupMeta(field: FieldDef, modules: ReadonlyMap<string, ModuleDef>) {
  const targets = (field.lookup_modules ?? []).map((api) => ({ api_name: api, id: modules.get(api)?.id ?? null }));
  if (targets.length !== 1) return { lookup: null, multi: { display_label: field.field_label, api_name: field.api_name, modules: targets } };
  return {
    lookup: {
      display_label: field.field_label,
      api_name: field.api_name,
      module: targets[0],
      id: null,
      query_details: {},
      revalidate_filter_during_edit: false,
      show_fields: [],
    },
    multi: null,
  };
}

function convertMapping(module: ModuleDef, field: FieldDef) {
  if (module.api_name !== 'Leads') return { Contacts: null, Deals: null, Accounts: null };
  const m = LEAD_CONVERT_MAPPING[field.api_name] ?? {};
  return { Contacts: m.Contacts ?? null, Deals: m.Deals ?? null, Accounts: m.Accounts ?? null };
}

export function fieldMeta(module: ModuleDef, field: FieldDef, index: number, modules: ReadonlyMap<string, ModuleDef>): Record<string, unknown> {
  const editable = !field.read_only;
  const { lookup, multi } = field.data_type === 'lookup' ? lookupMeta(field, modules) : { lookup: null, multi: null };
  const isNumber = ['double', 'currency', 'percent'].includes(field.data_type);
  const stamp = field.custom_field ? '2024-01-15T10:12:31+05:30' : null;
  return {
    associated_module: NULL_MODULE,
    data_type: field.data_type,
    operation_type: { web_update: editable, api_create: editable, web_create: editable, api_update: editable },
    system_mandatory: field.system_mandatory,
    webhook: true,
    sequence_number: index + 1,
    blueprint_supported: editable,
    virtual_field: false,
    field_read_only: field.read_only,
    customizable_properties: field.custom_field ? ['tooltip', 'field_label', 'unique'] : [],
    read_only: field.read_only,
    custom_field: field.custom_field,
    businesscard_supported: true,
    filterable: true,
    visible: true,
    available_in_user_layout: true,
    display_field: field.api_name === module.display_field,
    pick_list_values_sorted_lexically: false,
    sortable: !['textarea', 'multiselectpicklist'].includes(field.data_type),
    layout_associations: [{ api_name: 'Standard', name: 'Standard', id: `${module.id.slice(0, 13)}091055` }],
    separator: false,
    searchable: true,
    enable_colour_code: false,
    mass_update: editable && !field.unique,
    json_type: JSON_TYPE[field.data_type] ?? 'string',
    created_source: field.custom_field ? 'crm' : 'default',
    type: 'used',
    display_label: field.field_label,
    column_name: field.api_name.toUpperCase(),
    api_name: field.api_name,
    display_type: -1,
    ui_type: UI_TYPE[field.data_type] ?? 1,
    colour_code_enabled_by_system: false,
    length: field.length,
    decimal_place: isNumber ? (field.decimal_place ?? 2) : null,
    quick_sequence_number: String(index + 1),
    email_parser: { fields_update_supported: false, record_operations_supported: false },
    rollup_summary: null,
    refer_from_field: { id: null, api_name: null },
    created_time: stamp,
    modified_time: stamp,
    show_type: 7,
    category: 0,
    id: fieldId(module, index),
    multi_module_lookup: multi,
    sharing_properties: {},
    currency: field.data_type === 'currency' ? { rounding_option: 'normal', precision: field.decimal_place ?? 2 } : null,
    file_upolad_optionlist: [],
    lookup,
    profiles: PROFILES.map((p) => ({ ...p, permission_type: editable ? 'read_write' : 'read_only' })),
    view_type: { view: true, edit: editable, quick_create: field.system_mandatory, create: editable },
    unique: field.unique ? { casesensitive: '0' } : null,
    sub_module: NULL_MODULE,
    subform: null,
    external: { show: false, type: null, allow_multiple_config: false },
    formula: null,
    private: { restricted: false, type: null, export: false },
    convert_mapping: convertMapping(module, field),
    multiselectlookup: null,
    multiuserlookup: {
      display_label: null,
      linking_module: NULL_MODULE,
      connected_module: NULL_MODULE,
      lookup_apiname: null,
      api_name: null,
      connectedfield_apiname: null,
      connectedlookup_apiname: null,
      id: null,
      record_access: null,
    },
    autonumber: { starting_number_length: 0, prefix: null, suffix: null, start_number: null },
    auto_number: null,
    pick_list_values: picklistValues(field, module, index),
    crypt: { mode: null, status: null },
    tooltip: { name: '', value: '' },
    history_tracking: { module: {}, duration_configured_field: NULL_MODULE },
    association_details: { related_field: NULL_MODULE, lookup_field: NULL_MODULE },
    allowed_modules: [],
    additional_column: null,
    field_label: field.field_label,
    'common.picklist': null,
    hipaa_compliance_enabled: false,
    hipaa_compliance: { restricted_in_export: false, restricted: false },
    _update_existing_records: false,
    number_separator: isNumber || field.data_type === 'integer',
    textarea: field.data_type === 'textarea' ? { type: 'large' } : {},
    static_field: false,
  };
}
