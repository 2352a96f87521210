import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import OrderTimeline from './OrderTimeline.vue';

describe('OrderTimeline', () => {
  it('when the saga recorded steps, then each shows in order, readable, with its outcome', () => {
    const view = mount(OrderTimeline, {
      props: {
        entries: [
          { step: 'placed', outcome: 'ok', at: '2026-11-25T10:00:00.000Z' },
          { step: 'payment-action-required', outcome: 'waiting', at: '2026-11-25T10:00:01.000Z' },
          { step: 'payment-declined', outcome: 'failed', detail: 'card declined', at: '2026-11-25T10:00:02.000Z' },
        ],
      },
    });
    const steps = view.findAll('[data-testid="timeline-step"]');

    expect(steps.map((s) => s.attributes('data-step'))).toEqual(['placed', 'payment-action-required', 'payment-declined']);
    expect(steps[1]!.classes()).toContain('timeline-waiting');
    expect(steps[2]!.text()).toContain('Payment declined');
    expect(steps[2]!.text()).toContain('card declined');
  });
});
