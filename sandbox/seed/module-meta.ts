/**
 * A module's metadata as `GET /settings/modules` answers it, with every key the OpenAPI file (modules.json)
 * marks required. The list answer leaves out `fields` (served by /settings/fields); the single-module answer
 * (`/settings/modules/{api_name}`) carries it.
 */
import type { ModuleDef } from './modules';
import type { OrgUser } from './users';

/** The custom views every module has: all records, and the current user's records. */
export interface CustomView {
  id: string;
  name: string;
  system_name: 'ALLVIEWS' | 'MYVIEWS';
}

export function customViews(module: ModuleDef): CustomView[] {
  const prefix = module.id.slice(0, 13);
  const seq = module.sequence_number * 10;
  return [
    { id: `${prefix}${String(87000 + seq + 1).padStart(6, '0')}`, name: `All ${module.plural_label}`, system_name: 'ALLVIEWS' },
    { id: `${prefix}${String(87000 + seq + 3).padStart(6, '0')}`, name: `My ${module.plural_label}`, system_name: 'MYVIEWS' },
  ];
}

const SEARCH_LAYOUT: Record<string, string[]> = {
  Leads: ['Full_Name', 'Company', 'Email', 'Phone'],
  Contacts: ['Full_Name', 'Account_Name', 'Email', 'Phone'],
  Accounts: ['Account_Name', 'Phone', 'Website'],
  Deals: ['Deal_Name', 'Amount', 'Stage', 'Closing_Date'],
  Projects: ['Name', 'Project_Code', 'Status'],
};

export function moduleMeta(module: ModuleDef, admin: OrgUser, fields: Record<string, unknown>[] | null): Record<string, unknown> {
  const records = module.api_supported;
  const views = customViews(module);
  const all = views[0] as CustomView;
  const meta: Record<string, unknown> = {
    has_more_profiles: false,
    'common.search_supported': records,
    deletable: module.generated_type === 'custom',
    description: null,
    creatable: records,
    recycle_bin_on_delete: records,
    inventory_template_supported: false,
    modified_time: module.generated_type === 'custom' ? '2024-01-15T10:12:31+05:30' : null,
    plural_label: module.plural_label,
    presence_sub_menu: false,
    triggers_supported: records,
    id: module.id,
    chart_view: false,
    isBlueprintSupported: records && module.api_name !== 'Notes',
    visibility: 1,
    visible: true,
    convertable: module.convertable,
    editable: records,
    emailTemplate_support: ['Leads', 'Contacts', 'Accounts', 'Deals', 'Projects'].includes(module.api_name),
    email_parser_supported: false,
    filter_supported: records,
    show_as_tab: module.api_name !== 'Notes',
    web_link: null,
    sequence_number: module.sequence_number,
    singular_label: module.singular_label,
    viewable: true,
    api_supported: records,
    api_name: module.api_name,
    quick_create: records,
    generated_type: module.generated_type,
    feeds_required: false,
    scoring_supported: ['Leads', 'Contacts', 'Accounts', 'Deals'].includes(module.api_name),
    webform_supported: ['Leads', 'Contacts', 'Projects'].includes(module.api_name),
    arguments: [],
    module_name: module.module_name,
    chart_view_supported: false,
    profile_count: 2,
    business_card_field_limit: 5,
    track_current_data: false,
    modified_by: { name: admin.name, id: admin.id },
    profiles: [
      { name: 'Administrator', id: '4876876000000026014' },
      { name: 'Standard', id: '4876876000000026017' },
    ],
    parent_module: {},
    activity_badge: records ? 'Enabled' : 'Disabled',
    $field_states: [],
    business_card_fields: [],
    per_page: records ? 200 : null,
    $properties: [],
    $on_demand_properties: [],
    search_layout_fields: SEARCH_LAYOUT[module.api_name] ?? (records ? [module.display_field] : []),
    kanban_view_supported: records,
    lookup_field_properties: { fields: [] },
    kanban_view: false,
    related_lists: [],
    filter_status: records,
    related_list_properties: { sort_by: { api_name: null, id: null }, fields: [], sort_order: null },
    display_field: records ? { api_name: module.display_field } : null,
    layouts: records ? [{ id: `${module.id.slice(0, 13)}091055`, name: 'Standard', display_label: 'Standard', status: 'active' }] : [],
    custom_view: records ? { display_value: all.name, id: all.id, name: all.name, system_name: all.system_name, default: true } : null,
    zia_view: false,
    default_mapping_fields: [],
    layout_associations: [],
    status: 'visible',
  };
  if (fields !== null) meta.fields = fields;
  return meta;
}
