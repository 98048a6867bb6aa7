import type { Input } from '../../../preload/api'
import type { Sandbox } from '../sandbox'

type SystemUserAction = Extract<Input<'practice'>, { action: 'access-tier' | 'business-admin' | 'system-user-allowance' | 'limit-approval' }>

/** Everything App Review approves except ads_management: a manage-ads mint is then refused. */
const WITHOUT_ADS_MANAGEMENT = ['ads_read', 'business_management', 'pages_show_list', 'pages_read_engagement', 'read_insights', 'pages_manage_posts', 'pages_manage_metadata']

/** The practice controls for the system-user path: tier, the person's role, the allowance, App Review. */
export function practiceSystemUsers(sandbox: Sandbox, input: SystemUserAction): void {
  const business = sandbox.businesses[0]
  switch (input.action) {
    case 'access-tier':
      sandbox.controls.setAccessTier(input.tier === 'full' ? 'standard_access' : 'development_access')
      return
    case 'business-admin':
      if (business) sandbox.controls.setBusinessRole(business.id, sandbox.practiceUser.id, input.admin ? 'ADMIN' : 'EMPLOYEE')
      return
    case 'system-user-allowance':
      sandbox.controls.setSystemUserLevel(input.level === 'tier' ? null : input.level)
      return
    case 'limit-approval':
      sandbox.controls.setApprovedPermissions(sandbox.practiceApp.id, input.on ? WITHOUT_ADS_MANAGEMENT : null)
      return
  }
}
