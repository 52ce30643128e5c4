import { DomainError } from "../errors/domain";

export type ElementErrorCode = "element_not_found" | "element_in_use" | "element_name_taken" | "element_images" | "reference_limit" | "unknown_mention" | "bad_reference";

/** A refused element change or reference, with the field it is about. */
export class ElementError extends DomainError<ElementErrorCode> {}
