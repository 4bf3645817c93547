import type { ArchiveTable } from "./archive-tables.js";

/** The archive's README (Korean, then English): what is in it, column by column, and how to restore. */
export function archiveReadme(manifest: {
  partnerId: number;
  exportedOn: string;
  tables: ArchiveTable[];
  counts: Record<string, number>;
  documents: number;
}): string {
  const tables = manifest.tables
    .map(
      (t) =>
        `### ${t.name} (${(manifest.counts[t.name] ?? 0).toLocaleString("ko-KR")}행 / rows)\n\n| 열 column | 형식 type |\n|---|---|\n${t.columns
          .map((c) => `| ${c.name} | ${c.type} |`)
          .join("\n")}\n`,
    )
    .join("\n");
  return `# SSP 데이터 내보내기 / SSP data export

파트너 ${manifest.partnerId}, ${manifest.exportedOn} 기준. Partner ${manifest.partnerId}, as of ${manifest.exportedOn}.

## 구성 / Contents

- \`tables/<표>.csv\` — 표마다 하나, UTF-8(BOM 포함). 첫 줄은 열 이름이고 값은 PostgreSQL의 텍스트 표현
  그대로입니다(날짜 YYYY-MM-DD, 시각 ISO-8601, 금액은 원 단위 정수, 배열 {a,b}, JSON). 따옴표 없는 빈 값은
  NULL, \`""\`는 빈 문자열입니다. / One CSV per table (UTF-8 with BOM); values are PostgreSQL's text for them;
  an unquoted empty field is NULL, \`""\` an empty string.
- \`documents/<id>-<kind>.pdf\` — 봉인된 계약서, 설치 확인서, 해지 견적서 (${manifest.documents}개). \`documents.csv\`의
  \`sha256\`으로 원본임을 확인할 수 있습니다. / The stored PDFs (sealed contracts, installation receipts, quotes);
  each file's SHA-256 is \`documents.sha256\` (and a sealed contract's is \`contracts.sealed_sha256\`).
- \`manifest.json\` — 복원 명령이 읽는 목록 / what the restore command reads.

빠진 것 / Left out: 직원 비밀번호 해시(복원 후 새 비밀번호를 정합니다), 가입·인증 중의 임시 데이터, 대시보드 캐시.
Staff password hashes (set anew on restore), short-lived sign-up state, the dashboard cache.
\`payment_methods.token\`은 결제사의 자동결제 키입니다: 이 파일은 안전하게 보관하세요. / \`payment_methods.token\`
holds the gateways' billing keys: keep this file safe.

## 복원 / Restore

빈 SSP 설치(SEED=none)에서 / into an empty SSP installation (\`SEED=none\`):

\`\`\`sh
npx pnpm@10.34.9 --filter @ssp/api job restore-archive --file ssp-export.zip --owner-password '새 비밀번호'
\`\`\`

같은 \`DATABASE_URL\`(또는 \`DATA_DIR\`)을 씁니다. 모든 표를 한 트랜잭션으로 넣고, PDF마다 SHA-256을 확인하며, 하나라도 맞지
않으면 아무것도 남기지 않습니다. 소유자 계정은 주어진 비밀번호로, 다른 직원은 로그인할 수 없는 상태로 복원됩니다.
It uses the same \`DATABASE_URL\` (or \`DATA_DIR\`) as the server, loads every table in one transaction, checks
each PDF's SHA-256 and leaves nothing behind if anything is off. Owners get the given password; other staff
cannot log in until an owner sets theirs.

## 표 / Tables

${tables}`;
}
