import { Checkbox, Divider, FormControlLabel, FormGroup, Paper, Stack, Typography } from "@mui/material";
import type { InputHTMLAttributes } from "react";
import { ko } from "../strings";
import type { SigningClause } from "./signing-api";

/** One explicit checkbox per required clause (the API records each agreement by id). */
export function ClausesSection(props: {
  clauses: SigningClause[];
  checked: Record<string, boolean>;
  onChange: (checked: Record<string, boolean>) => void;
}) {
  const all = props.clauses.length > 0 && props.clauses.every((c) => props.checked[c.id]);
  const some = props.clauses.some((c) => props.checked[c.id]);
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={1}>
        <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700 }}>
          {ko.signing.clausesTitle}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {ko.signing.clausesHelp}
        </Typography>
        <FormControlLabel
          control={
            <Checkbox
              checked={all}
              indeterminate={some && !all}
              onChange={(event) =>
                props.onChange(Object.fromEntries(props.clauses.map((c) => [c.id, event.target.checked])))
              }
              slotProps={{ input: { "aria-label": ko.signing.agreeAll } }}
            />
          }
          label={<Typography sx={{ fontWeight: 700 }}>{ko.signing.agreeAll}</Typography>}
        />
        <Divider />
        <FormGroup>
          {props.clauses.map((clause) => (
            <FormControlLabel
              key={clause.id}
              sx={{ alignItems: "flex-start", my: 0.5 }}
              control={
                <Checkbox
                  checked={Boolean(props.checked[clause.id])}
                  onChange={(event) =>
                    props.onChange({ ...props.checked, [clause.id]: event.target.checked })
                  }
                  sx={{ pt: 0.25 }}
                  slotProps={{ input: testId(`clause-${clause.id}`) }}
                />
              }
              label={
                <Typography variant="body2" sx={{ pt: 0.5 }}>
                  <Typography
                    component="span"
                    variant="body2"
                    color="primary"
                    sx={{ fontWeight: 700, mr: 0.5 }}
                  >
                    {ko.signing.requiredTag}
                  </Typography>
                  {clause.title}
                </Typography>
              }
            />
          ))}
        </FormGroup>
      </Stack>
    </Paper>
  );
}

/** A test id for a slot's input; a variable, not a literal, so the slot's prop type accepts it. */
function testId(id: string): InputHTMLAttributes<HTMLInputElement> {
  const props: InputHTMLAttributes<HTMLInputElement> & { "data-testid": string } = { "data-testid": id };
  return props;
}
