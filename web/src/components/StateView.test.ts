import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import StateView from './StateView.vue';

describe('StateView', () => {
  it('when the load failed with a 5xx, then the message and a retry button show, and the button asks for a retry', async () => {
    const view = mount(StateView, { props: { isLoading: false, error: new ApiError(503, 'Catalog is restarting') }, slots: { default: '<p>content</p>' } });

    expect(view.text()).toContain('Catalog is restarting');
    expect(view.text()).not.toContain('content');
    await view.get('[data-testid="retry"]').trigger('click');
    expect(view.emitted('retry')).toHaveLength(1);
  });

  it('when a 4xx failed, then there is no retry button', () => {
    const view = mount(StateView, { props: { isLoading: false, error: new ApiError(404, 'No such product') } });
    expect(view.find('[data-testid="retry"]').exists()).toBe(false);
    expect(view.text()).toContain('Not available');
  });

  it('when loading, empty or loaded, then the matching state shows', () => {
    expect(
      mount(StateView, { props: { isLoading: true, empty: true } })
        .find('[data-testid="state-loading"]')
        .exists(),
    ).toBe(true);
    expect(mount(StateView, { props: { isLoading: false, empty: true, emptyText: 'No orders yet.' } }).text()).toBe('No orders yet.');
    expect(mount(StateView, { props: { isLoading: false, empty: false }, slots: { default: '<p>content</p>' } }).text()).toBe('content');
  });
});
