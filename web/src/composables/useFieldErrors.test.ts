import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { useFieldErrors } from './useFieldErrors';

const problem = (errors: { field: string; message: string }[]) =>
  new ApiError(400, 'Some fields are invalid', {
    type: 'x',
    title: 'Bad Request',
    status: 400,
    detail: 'Some fields are invalid',
    code: 'validation-failed',
    errors,
  });

describe('useFieldErrors', () => {
  it('when the API names body fields, then each message lands under the field without the body. prefix', () => {
    const form = useFieldErrors();
    form.fromError(problem([{ field: 'body.payment.cvc', message: 'must be 3 or 4 digits' }]), ['payment.cvc', 'payment.cardNumber']);
    expect(form.fields.value).toEqual({ 'payment.cvc': 'must be 3 or 4 digits' });
    expect(form.formError.value).toBeUndefined();
  });

  it('when a field is not on the form, then it is said in the form message instead of being lost', () => {
    const form = useFieldErrors();
    form.fromError(problem([{ field: 'headers.idempotency-key', message: 'must be at least 8 characters' }]), ['payment.cvc']);
    expect(form.fields.value).toEqual({});
    expect(form.formError.value).toContain('idempotency-key: must be at least 8 characters');
  });

  it('when the error is not a problem, then it becomes the form message', () => {
    const form = useFieldErrors();
    form.fromError(new ApiError(0, 'The shop could not be reached.'));
    expect(form.formError.value).toBe('The shop could not be reached.');
  });
});
