/**
 * Where stored tokens are used: destinations kept beside each token (a `.env` line, a program
 * that reads the token on its standard input, with presets for GitHub Actions, AWS Secrets
 * Manager, Google Secret Manager and HashiCorp Vault), delivery after every new secret, and the
 * alert command. See docs/deliveries.md.
 */
export { createDeliveries, type Deliveries, type DeliveryPorts, type DeliveryReport, type DeliveryTrigger } from './service'
export { DEFAULT_COMMAND_TIMEOUT_MS, type DeliveryResult } from './deliver'
export {
  DESTINATION_ID,
  DestinationError,
  expandPath,
  readDestinations,
  specFromInput,
  whereOf,
  type Destination,
  type DestinationSpec,
  type LastDelivery,
  type RefusedDestination,
} from './destination'
export { destinationSummaries } from './summary'
