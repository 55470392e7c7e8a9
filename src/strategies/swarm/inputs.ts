import { matching } from '../../io/inputs.js';

/** `stack`: the Swarm stack's name, a prefix of every service name (`<stack>_<service>`); '' = the app name. */
export const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/;

export const stackName = () =>
  matching(STACK_NAME, 'a Swarm stack name: letters, digits, - and _, at most 50 characters');
