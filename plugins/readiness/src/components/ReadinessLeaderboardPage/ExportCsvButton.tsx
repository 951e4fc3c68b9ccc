import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { LeaderboardQuery } from '@prodready/plugin-readiness-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { readinessApiRef } from '../../api';

/** Saves a blob under a file name through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads the current view as CSV. The file is fetched through the
 * ReadinessApi (fetchApi, so auth headers apply), not by a plain link.
 */
export function ExportCsvButton(props: { query: LeaderboardQuery }) {
  const api = useApi(readinessApiRef);
  const [state, exportCsv] = useAsyncFn(async () => {
    const blob = await api.exportCsv(props.query);
    saveBlob(blob, `readiness-${props.query.groupBy ?? 'entity'}.csv`);
  }, [api, props.query]);
  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        startIcon={<GetAppIcon />}
        onClick={() => exportCsv()}
        disabled={state.loading}
      >
        {state.loading ? 'Exporting…' : 'Export CSV'}
      </Button>
      {state.error ? (
        <Typography
          role="alert"
          color="error"
          variant="body2"
          style={{ marginLeft: 8 }}
        >
          Export failed: {state.error.message}
        </Typography>
      ) : null}
    </>
  );
}
