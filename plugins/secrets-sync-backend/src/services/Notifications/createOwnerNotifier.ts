import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  restrictedWritePayload,
  statusTurnedPayload,
} from './notificationPayloads';
import type { OwnerNotifier } from './types';

/**
 * Creates the {@link OwnerNotifier} on the notifications service. The
 * recipient is the entity itself: the notifications backend resolves a
 * component to its owners (a group's members, or the owning user).
 */
export function createOwnerNotifier(options: {
  notifications: NotificationService;
  logger: LoggerService;
}): OwnerNotifier {
  const { notifications, logger } = options;

  async function send(
    entityRef: string,
    payload: ReturnType<typeof restrictedWritePayload>,
  ) {
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef },
        payload,
      });
    } catch (error) {
      logger.warn(
        `Could not notify the owners of ${entityRef}: ${
          (error as Error).message
        }`,
      );
    }
  }

  return {
    restrictedWrite: event =>
      send(event.target.entityRef, restrictedWritePayload(event)),
    statusTurned: event => send(event.entityRef, statusTurnedPayload(event)),
  };
}
