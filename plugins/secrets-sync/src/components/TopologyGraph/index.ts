export { TopologyGraph, type TopologyGraphProps } from './TopologyGraph';
