export { WriteDialog, type WriteDialogProps } from './WriteDialog';
