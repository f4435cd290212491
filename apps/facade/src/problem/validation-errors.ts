import type { ValidationError } from 'class-validator';
import { VALIDATION_MESSAGES } from './validation-messages';
import type { ProblemFieldError } from './problem';

/** One entry per offending field, with every constraint it broke, in the order the fields came. */
export function fieldErrors(errors: readonly ValidationError[], prefix = ''): ProblemFieldError[] {
  return errors.flatMap((error) => {
    const field = prefix + error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) =>
      rule === 'whitelistValidation' ? VALIDATION_MESSAGES.unknownParameter(field) : message,
    );
    const nested = fieldErrors(error.children ?? [], `${field}.`);
    return own.length > 0 ? [{ field, message: [...new Set(own)].join('; ') }, ...nested] : nested;
  });
}
