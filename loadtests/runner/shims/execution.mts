import { vuState } from './state.mjs';

/** The part of k6/execution the scripts read: who this VU is and where it stands. */
const execution = {
  get vu() {
    const state = vuState();
    return { idInTest: state.vuId, idInInstance: state.vuId, iterationInInstance: state.iteration, iterationInScenario: state.iteration };
  },
  get scenario() {
    const state = vuState();
    return { name: state.scenario, iterationInInstance: state.iteration };
  },
};

export default execution;
