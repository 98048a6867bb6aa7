/** Permissions the simulated Facebook knows; anything else is the developer-only "Invalid Scopes" page. */
export const KNOWN_PERMISSIONS: readonly string[] = [
  'public_profile', 'email', 'openid', 'user_friends', 'ads_management', 'ads_read', 'business_management', 'read_insights',
  'pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'pages_manage_metadata', 'pages_manage_ads',
  'pages_read_user_content', 'pages_manage_engagement', 'pages_messaging', 'instagram_basic', 'instagram_manage_insights',
  'instagram_content_publish', 'instagram_manage_comments', 'leads_retrieval', 'catalog_management',
  'whatsapp_business_management', 'whatsapp_business_messaging',
]

/** Scopes that target assets: the grant lists the Pages it covers (graph-api.md §5.1). */
export const PAGE_SCOPES = /^pages_|^read_insights$/

/** Either one reads ad accounts (graph-api.md §8). */
export const ADS_SCOPES = ['ads_read', 'ads_management'] as const
