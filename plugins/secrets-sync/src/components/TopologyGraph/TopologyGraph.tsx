import { useCallback, useMemo } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import type { EntityTopology } from '@internal/plugin-secrets-sync-common';
import {
  buildTopologyGraph,
  type TopologyNode,
} from '../../lib/buildTopologyGraph';
import { TONE_COLOURS, type Tone } from '../../lib/statusPresentation';
import { TopologyNodeView } from './TopologyNodeView';

const useStyles = makeStyles(theme => ({
  graph: {
    width: '100%',
    minHeight: 160,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 5,
    marginRight: theme.spacing(0.75),
  },
}));

const LEGEND: Array<[Tone, string]> = [
  ['ok', 'in sync / healthy'],
  ['progress', 'sync in progress'],
  ['warning', 'needs attention'],
  ['error', 'failing or blocked'],
  ['inactive', 'not set up'],
];

/** Props of {@link TopologyGraph}. */
export interface TopologyGraphProps {
  topology: EntityTopology;
  componentTitle: string;
  selectedEnvironment?: string;
  onSelectEnvironment: (environment: string) => void;
}

/**
 * Where the entity's secrets travel, environment by environment, drawn
 * left to right so each environment is one readable row.
 */
export function TopologyGraph(props: TopologyGraphProps) {
  const { topology, componentTitle, selectedEnvironment, onSelectEnvironment } =
    props;
  const classes = useStyles();
  const graph = useMemo(
    () => buildTopologyGraph(topology, componentTitle),
    [topology, componentTitle],
  );
  const onSelect = useCallback(
    (environment: string | undefined) => {
      if (environment) onSelectEnvironment(environment);
    },
    [onSelectEnvironment],
  );
  const renderNode = useCallback(
    (nodeProps: DependencyGraphTypes.RenderNodeProps<TopologyNode>) => (
      <TopologyNodeView
        {...nodeProps}
        selected={
          nodeProps.node.environment !== undefined &&
          nodeProps.node.environment === selectedEnvironment
        }
        onSelect={onSelect}
      />
    ),
    [selectedEnvironment, onSelect],
  );

  return (
    <div data-testid="secrets-sync-topology">
      <DependencyGraph<TopologyNode, {}>
        className={classes.graph}
        nodes={graph.nodes}
        edges={graph.edges}
        renderNode={renderNode}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        nodeMargin={14}
        rankMargin={36}
        paddingX={8}
        paddingY={8}
        fit="contain"
        zoom="enable-on-click"
        showArrowHeads
      />
      <div className={classes.legend}>
        {LEGEND.map(([tone, label]) => (
          <Typography key={tone} variant="caption" color="textSecondary">
            <span
              className={classes.swatch}
              style={{ backgroundColor: TONE_COLOURS[tone] }}
            />
            {label}
          </Typography>
        ))}
      </div>
    </div>
  );
}
