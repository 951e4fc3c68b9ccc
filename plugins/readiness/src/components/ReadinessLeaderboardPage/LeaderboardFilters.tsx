import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import {
  LEVELS,
  LeaderboardQuery,
  Level,
} from '@prodready/plugin-readiness-common';
import { ChangeEvent, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { LEVEL_LABELS } from '../common';

const KINDS = ['Component', 'API', 'Resource', 'System'];
const LIFECYCLES = ['production', 'experimental', 'deprecated'];

/** An entity ref shown without its default namespace and kind. */
export function displayRef(ref: string, defaultKind?: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}

interface MultiSelectProps {
  id: string;
  label: string;
  options: string[];
  selected: string[];
  display?: (value: string) => string;
  onChange: (values: string[]) => void;
}

function MultiSelect(props: MultiSelectProps) {
  const { id, label, selected, display = (v: string) => v } = props;
  const options = Array.from(new Set([...props.options, ...selected]));
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 170 }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        multiple
        label={label}
        value={selected}
        renderValue={v => (v as string[]).map(display).join(', ')}
        onChange={e => props.onChange(e.target.value as string[])}
      >
        {options.map(option => (
          <MenuItem key={option} value={option}>
            {display(option)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Kind, owner, lifecycle and level filters and a debounced text search. */
export function LeaderboardFilters(props: {
  query: LeaderboardQuery;
  owners: string[];
  onChange: (patch: Partial<LeaderboardQuery>) => void;
}) {
  const { query, onChange } = props;
  const [text, setText] = useState(query.q ?? '');
  useDebounce(
    () => {
      if (text.trim() !== (query.q ?? '').trim()) onChange({ q: text });
    },
    400,
    [text],
  );
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 12 }}
      marginY={2}
    >
      <TextField
        id="readiness-filter-q"
        label="Search"
        variant="outlined"
        size="small"
        value={text}
        placeholder="Name, title or owner"
        onChange={(e: ChangeEvent<HTMLInputElement>) => setText(e.target.value)}
      />
      <MultiSelect
        id="readiness-filter-kind"
        label="Kind"
        options={KINDS}
        selected={query.kind ?? []}
        onChange={kind => onChange({ kind })}
      />
      <MultiSelect
        id="readiness-filter-owner"
        label="Owner"
        options={props.owners}
        selected={query.owner ?? []}
        display={v => displayRef(v, 'group')}
        onChange={owner => onChange({ owner })}
      />
      <MultiSelect
        id="readiness-filter-lifecycle"
        label="Lifecycle"
        options={LIFECYCLES}
        selected={query.lifecycle ?? []}
        onChange={lifecycle => onChange({ lifecycle })}
      />
      <MultiSelect
        id="readiness-filter-level"
        label="Level"
        options={[...LEVELS]}
        selected={query.level ?? []}
        display={v => LEVEL_LABELS[v as Level] ?? v}
        onChange={level => onChange({ level: level as Level[] })}
      />
    </Box>
  );
}
