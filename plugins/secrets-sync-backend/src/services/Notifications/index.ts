export type * from './types';
export { createOwnerNotifier } from './createOwnerNotifier';
export { createStatusWatch } from './createStatusWatch';
export { withWriteNotifications } from './withWriteNotifications';
export { entityTabLink, NOTIFICATION_TOPIC } from './notificationPayloads';
