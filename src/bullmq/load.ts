/**
 * BullMQ, loaded when a runner starts: it is an optional peer dependency, so importing salvo/bullmq
 * costs nothing until it is used, and a project without it gets a coded error saying what to install.
 * @module
 */
import { SalvoError } from '../errors.js';

/** The BullMQ module (its classes: Worker, FlowProducer, Queue, QueueEvents, UnrecoverableError). */
export type Bullmq = typeof import('bullmq');

/** Imports BullMQ, or throws `MODULE_LOAD_FAILED` naming the packages to install. */
export async function loadBullmq(where: string): Promise<Bullmq> {
  try {
    return await import('bullmq');
  } catch (error) {
    throw new SalvoError(
      'MODULE_LOAD_FAILED',
      `${where}: salvo/bullmq needs the packages bullmq and ioredis (npm install bullmq ioredis): ${(error as Error).message}`,
      { parameter: 'bullmq', value: 'bullmq', cause: error },
    );
  }
}
