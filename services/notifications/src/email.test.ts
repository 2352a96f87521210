import { createLogger, type Bindings } from '@shopmesh/platform';
import { bindingEmailSender } from './email';

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
