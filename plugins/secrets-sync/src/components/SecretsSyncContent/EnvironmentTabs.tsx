import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import { presentStatus, TONE_COLOURS } from '../../lib/statusPresentation';

/** One tab per environment, each with a dot in its status colour. */
export function EnvironmentTabs(props: {
  environments: EnvironmentTopology[];
  selected: string;
  onSelect: (environment: string) => void;
}) {
  return (
    <Tabs
      value={props.selected}
      onChange={(_, value: string) => props.onSelect(value)}
      variant="scrollable"
      scrollButtons="auto"
      indicatorColor="primary"
      aria-label="Environments"
    >
      {props.environments.map(env => {
        const presentation = presentStatus(env.status);
        return (
          <Tab
            key={env.environment.name}
            value={env.environment.name}
            label={
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <span
                  aria-hidden
                  style={{
                    width: 10,
                    height: 10,
                    borderRadius: 5,
                    backgroundColor: TONE_COLOURS[presentation.tone],
                  }}
                />
                {env.environment.title}
              </Box>
            }
            aria-label={`${env.environment.title}: ${presentation.label}`}
          />
        );
      })}
    </Tabs>
  );
}
