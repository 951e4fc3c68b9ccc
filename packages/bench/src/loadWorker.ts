/** The child process of runLoadInChild: one load spec in, one result out, then exit. */
import { LoadSpec, runLoad } from './load';

process.once('message', (spec: LoadSpec) => {
  runLoad(spec).then(
    result => process.send!({ result }, () => process.exit(0)),
    error => process.send!({ error: String(error?.stack ?? error) }, () => process.exit(1)),
  );
});
