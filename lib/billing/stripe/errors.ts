import "server-only";
import Stripe from "stripe";
import { HttpError } from "../../http/handler";
import { MissingPriceError } from "./lookup";
import { logger } from "../../log";

const log = logger("billing");

/** Runs a Stripe call for a person waiting on it; failures become errors they can act on. */
export async function askStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof MissingPriceError) {
      log.error(error.message);
      throw new HttpError(503, "This purchase is not set up on our payment provider yet. Please try again later.");
    }
    if (error instanceof Stripe.errors.StripeError) {
      log.error({ stripeError: error.type }, error.message);
      throw new HttpError(502, "Our payment provider could not be reached. Nothing was charged; try again in a moment.");
    }
    throw error;
  }
}
