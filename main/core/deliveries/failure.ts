/** A delivery that did not happen: what went wrong and what fixes it, in plain words (never a token). */
export class DeliveryFailure extends Error {
  override name = 'DeliveryFailure'
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message)
  }
}
