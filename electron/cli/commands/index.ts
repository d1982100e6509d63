/** Every CLI command; add one file per command and list it here. */
import type { Command } from '../command.ts';
import { demoCommand } from './demo.ts';
import { statsCommand } from './stats.ts';

export const COMMANDS: readonly Command[] = [demoCommand, statsCommand];
