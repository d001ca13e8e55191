/** Examples the scaffolder's action list shows for `secrets-sync:write`. */
export const writeActionExamples = [
  {
    description:
      'Write the keys a SecretsSyncValues field collected (values in the secrets, names in the parameters) to development, and enable sync there',
    example: `steps:
  - id: write-secrets
    name: Write the secrets
    action: secrets-sync:write
    input:
      entityRef: \${{ parameters.entityRef }}
      environments: \${{ parameters.environments }}
      keys: \${{ parameters.values.keys }}
      mode: merge
      enableSync: true
`,
  },
];
