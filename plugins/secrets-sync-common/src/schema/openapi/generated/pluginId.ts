export const pluginId = 'secrets-sync';
