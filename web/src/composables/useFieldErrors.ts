import { ref } from 'vue';
import { ApiError } from '../api/client';

/**
 * Inline form errors from a problem+json answer. The API names fields by where they were
 * (`body.payment.cvc`); forms key their inputs by the same path without `body.` (`payment.cvc`).
 * Whatever no field claims becomes the form's own message.
 */
export function useFieldErrors() {
  const fields = ref<Record<string, string>>({});
  const formError = ref<string>();

  const clear = () => {
    fields.value = {};
    formError.value = undefined;
  };

  const fromError = (err: unknown, known: readonly string[] = []) => {
    clear();
    if (!(err instanceof ApiError)) {
      formError.value = err instanceof Error ? err.message : String(err);
      return;
    }
    const byField: Record<string, string> = {};
    const unclaimed: string[] = [];
    for (const [field, message] of Object.entries(err.fieldErrors)) {
      const key = field.replace(/^(body|query|params|headers)\./, '');
      if (known.length === 0 || known.includes(key)) byField[key] = message;
      else unclaimed.push(`${key}: ${message}`);
    }
    fields.value = byField;
    if (Object.keys(byField).length === 0 || unclaimed.length > 0) formError.value = [err.message, ...unclaimed].join(' · ');
  };

  const set = (field: string, message: string | undefined) => {
    const next = { ...fields.value };
    if (message) next[field] = message;
    else delete next[field];
    fields.value = next;
  };

  return { fields, formError, clear, fromError, set };
}
