import type { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  term: {
    color: theme.palette.text.secondary,
  },
  value: {
    margin: 0,
    wordBreak: 'break-all',
  },
}));

/** A titled list of facts; rows without a value are left out. */
export function FactList(props: {
  title: string;
  facts: Array<[string, ReactNode | undefined]>;
}) {
  const classes = useStyles();
  return (
    <section aria-label={props.title}>
      <Typography variant="overline" component="h3">
        {props.title}
      </Typography>
      <dl className={classes.list}>
        {props.facts
          .filter(([, value]) => value !== undefined && value !== '')
          .map(([term, value]) => (
            <Typography
              key={term}
              component="div"
              variant="body2"
              style={{ display: 'contents' }}
            >
              <dt className={classes.term}>{term}</dt>
              <dd className={classes.value}>{value}</dd>
            </Typography>
          ))}
      </dl>
    </section>
  );
}
