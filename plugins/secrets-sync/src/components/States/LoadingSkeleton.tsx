import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Skeleton from '@material-ui/lab/Skeleton';

/** The shape of the page while the topology loads. */
export function LoadingSkeleton() {
  return (
    <Box data-testid="secrets-sync-loading" aria-busy="true">
      <Skeleton variant="rect" height={48} />
      <Box marginY={2}>
        <Skeleton variant="rect" height={220} />
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <Skeleton width="40%" />
          <Skeleton />
          <Skeleton />
          <Skeleton />
        </Grid>
        <Grid item xs={12} md={6}>
          <Skeleton width="40%" />
          <Skeleton />
          <Skeleton />
          <Skeleton />
        </Grid>
      </Grid>
    </Box>
  );
}
