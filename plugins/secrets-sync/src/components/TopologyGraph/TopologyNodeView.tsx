import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { DependencyGraphTypes } from '@backstage/core-components';
import type {
  TopologyNode,
  TopologyNodeKind,
} from '../../lib/buildTopologyGraph';
import { TONE_COLOURS } from '../../lib/statusPresentation';

/** Size of every node, so ranks line up in columns. */
export const NODE_WIDTH = 196;
export const NODE_HEIGHT = 58;

const KIND_LABELS: Record<TopologyNodeKind, string> = {
  component: 'COMPONENT',
  environment: 'ENVIRONMENT',
  aws: 'AWS SECRETS MANAGER',
  namespace: 'NAMESPACE',
  syncedSecret: 'SYNCEDSECRET',
  secret: 'KUBERNETES SECRET',
  pushSecret: 'PUSHSECRET',
  workload: 'WORKLOAD',
};

const useStyles = makeStyles(theme => ({
  node: {
    cursor: 'pointer',
    '&:hover rect.frame': { strokeWidth: 2 },
    '&:focus': { outline: 'none' },
    '&:focus rect.frame': { strokeWidth: 3 },
  },
  kind: {
    fontSize: 9,
    letterSpacing: 0.6,
    fill: theme.palette.text.secondary,
    fontFamily: theme.typography.fontFamily,
  },
  title: {
    fontSize: 13,
    fontWeight: 600,
    fill: theme.palette.text.primary,
    fontFamily: theme.typography.fontFamily,
  },
  subtitle: {
    fontSize: 10.5,
    fill: theme.palette.text.secondary,
    fontFamily: theme.typography.fontFamily,
  },
}));

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Props of {@link TopologyNodeView}. */
export interface TopologyNodeViewProps
  extends DependencyGraphTypes.RenderNodeProps<TopologyNode> {
  selected: boolean;
  onSelect: (environment: string | undefined) => void;
}

/**
 * One node of the topology: a card with a status-coloured edge, the hop it
 * stands for, its name and its state.
 */
export function TopologyNodeView(props: TopologyNodeViewProps) {
  const { node, selected, onSelect } = props;
  const classes = useStyles();
  const theme = useTheme();
  const colour = TONE_COLOURS[node.tone];
  const select = () => onSelect(node.environment);
  return (
    <g
      className={classes.node}
      role="button"
      tabIndex={0}
      aria-label={`${KIND_LABELS[node.kind].toLowerCase()} ${node.title}: ${
        node.subtitle
      }`}
      data-testid={`topology-node-${node.id}`}
      data-tone={node.tone}
      onClick={select}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') select();
      }}
    >
      <title>{`${node.title}\n${node.subtitle}`}</title>
      <rect
        className="frame"
        width={NODE_WIDTH}
        height={NODE_HEIGHT}
        rx={6}
        fill={theme.palette.background.paper}
        stroke={selected ? colour : theme.palette.divider}
        strokeWidth={selected ? 2.5 : 1}
      />
      <rect width={6} height={NODE_HEIGHT} rx={3} fill={colour} />
      <text x={16} y={16} className={classes.kind}>
        {KIND_LABELS[node.kind]}
      </text>
      <text x={16} y={33} className={classes.title}>
        {truncate(node.title, 24)}
      </text>
      <text x={16} y={49} className={classes.subtitle}>
        {truncate(node.subtitle, 31)}
      </text>
      <circle cx={NODE_WIDTH - 14} cy={14} r={5} fill={colour} />
    </g>
  );
}
