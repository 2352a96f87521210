import { createLogger, type Bindings } from '@shopmesh/platform';
import { bindingEmailSender, withDevMailbox } from './email';

const logger = createLogger({ name: 'test', level: 'silent' });

describe('email sender', () => {
  it('when the binding works, then the message goes to the email binding with create and the metadata', async () => {
    const invoke = jest.fn<ReturnType<Bindings['invoke']>, Parameters<Bindings['invoke']>>(async () => undefined);

    await bindingEmailSender({ invoke }, logger)({ subject: 'Hi', body: 'There' }, { userId: 'u1' });

    expect(invoke).toHaveBeenCalledWith('email', 'create', { subject: 'Hi', body: 'There' }, { userId: 'u1' });
  });

  it('when the binding fails, then sending resolves and the failure is logged', async () => {
    const warn = jest.spyOn(logger, 'warn');
    const bindings: Bindings = {
      invoke: async () => {
        throw new Error('smtp down');
      },
    };

    await expect(bindingEmailSender(bindings, logger)({ subject: 'Hi', body: 'There' }, { userId: 'u1' })).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ userId: 'u1' }), expect.stringContaining('email'));
  });
});

describe('dev mailbox', () => {
  it('when a mail is sent, then the mailbox keeps it with its recipient and kind and the binding still gets it', async () => {
    const kept: unknown[] = [];
    const send = jest.fn(async () => undefined);
    const mailbox = { keep: async (row: unknown) => void kept.push(row), page: async () => ({ items: [], total: 0 }) };
    const now = new Date('2026-01-02T03:04:05Z');

    await withDevMailbox(send, mailbox, { now: () => now })(
      { to: 'a@example.com', subject: 'Reset', body: 'link', kind: 'password-reset' },
      { kind: 'password-reset' },
    );

    expect(kept).toEqual([expect.objectContaining({ to: 'a@example.com', subject: 'Reset', body: 'link', kind: 'password-reset', sentAt: now })]);
    expect(send).toHaveBeenCalledWith({ to: 'a@example.com', subject: 'Reset', body: 'link', kind: 'password-reset' }, { kind: 'password-reset' });
  });

  it('when the recipient is known, then the binding metadata carries emailTo and subject for bindings.smtp', async () => {
    const invoke = jest.fn<ReturnType<Bindings['invoke']>, Parameters<Bindings['invoke']>>(async () => undefined);

    await bindingEmailSender({ invoke }, logger)({ to: 'a@example.com', subject: 'Hi', body: 'There' }, { kind: 'verify-email' });

    expect(invoke).toHaveBeenCalledWith('email', 'create', { subject: 'Hi', body: 'There' }, { kind: 'verify-email', emailTo: 'a@example.com', subject: 'Hi' });
  });
});
