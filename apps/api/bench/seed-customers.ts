/**
 * Bulk customers for the benchmarks, generated inside PostgreSQL (INSERT … SELECT over
 * generate_series): a million rows take seconds this way, minutes through the driver.
 * Deterministic: every value comes from hashint8extended(n, k) of the row's global number n.
 * The customers indexes are dropped for the load and rebuilt afterwards, then VACUUM ANALYZE.
 */
import type postgres from "postgres";
import { timer } from "./lib.js";

// Roughly the real frequency of Korean surnames: 김 ≈ 21 %, 이 ≈ 15 %, 박 ≈ 8 % …
const SURNAMES: [string, string, number][] = [
  ["김", "kim", 21],
  ["이", "lee", 15],
  ["박", "park", 8],
  ["최", "choi", 5],
  ["정", "jung", 5],
  ["강", "kang", 2],
  ["조", "cho", 2],
  ["윤", "yoon", 2],
  ["장", "jang", 2],
  ["임", "lim", 2],
  ["한", "han", 1],
  ["오", "oh", 1],
  ["서", "seo", 1],
  ["신", "shin", 1],
  ["권", "kwon", 1],
  ["황", "hwang", 1],
  ["안", "ahn", 1],
  ["송", "song", 1],
  ["류", "ryu", 1],
  ["홍", "hong", 1],
];
const GIVEN: [string, string][] = [
  ["민준", "minjun"],
  ["서연", "seoyeon"],
  ["도윤", "doyoon"],
  ["서윤", "seoyoon"],
  ["예준", "yejun"],
  ["지우", "jiwoo"],
  ["시우", "siwoo"],
  ["하윤", "hayoon"],
  ["주원", "juwon"],
  ["지유", "jiyu"],
  ["하준", "hajun"],
  ["채원", "chaewon"],
  ["지호", "jiho"],
  ["수아", "sua"],
  ["준서", "junseo"],
  ["지민", "jimin"],
  ["현우", "hyunwoo"],
  ["서현", "seohyun"],
  ["건우", "gunwoo"],
  ["다은", "daeun"],
  ["우진", "woojin"],
  ["예은", "yeeun"],
  ["선우", "sunwoo"],
  ["수빈", "subin"],
  ["민재", "minjae"],
  ["지아", "jia"],
  ["유준", "yujun"],
  ["소율", "soyul"],
  ["정우", "jungwoo"],
  ["윤서", "yoonseo"],
  ["승현", "seunghyun"],
  ["영희", "younghee"],
  ["철수", "cheolsu"],
  ["미경", "mikyung"],
  ["성민", "sungmin"],
  ["은지", "eunji"],
  ["동현", "donghyun"],
  ["혜진", "hyejin"],
  ["재훈", "jaehoon"],
  ["수진", "sujin"],
];
const STREETS = [
  "서울특별시 강남구 테헤란로",
  "서울특별시 마포구 월드컵북로",
  "서울특별시 송파구 올림픽로",
  "서울특별시 서초구 반포대로",
  "서울특별시 노원구 동일로",
  "부산광역시 해운대구 센텀중앙로",
  "부산광역시 수영구 광안해변로",
  "경기도 성남시 분당구 판교역로",
  "경기도 수원시 영통구 광교중앙로",
  "경기도 고양시 일산동구 중앙로",
  "대구광역시 수성구 달구벌대로",
  "인천광역시 연수구 컨벤시아대로",
];
const DOMAINS = ["naver.com", "gmail.com", "daum.net", "kakao.com", "hanmail.net"];
// About 10 % of customers carry one tag; a third of those are VIP.
const TAGS = ["VIP", "VIP", "재계약", "법인", "이사예정", "다자녀"];

export async function seedCustomers(
  sql: postgres.Sql,
  input: { today: string; partners: { slug: string; count: number }[] },
): Promise<{ step: string; ms: number }[]> {
  const steps: { step: string; ms: number }[] = [];
  const step = async (name: string, work: () => Promise<unknown>) => {
    const elapsed = timer();
    await work();
    steps.push({ step: name, ms: elapsed() });
  };
  const surnames = SURNAMES.flatMap(([ko, en, weight]) =>
    Array.from({ length: weight }, () => `${ko}|${en}`),
  );
  const indexes = await sql<{ indexname: string; indexdef: string }[]>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename = 'customers'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;

  // The four-digit runs' table (migration 0052) is filled by a trigger as the customers go in:
  // its primary key too is built once at the end rather than row by row.
  await step("drop indexes", () =>
    sql.unsafe(
      [
        ...indexes.map((i) => `drop index "${i.indexname}";`),
        "alter table customer_phone_runs drop constraint customer_phone_runs_pkey;",
      ].join("\n"),
    ),
  );
  let offset = 0;
  for (const partner of input.partners) {
    const from = offset + 1;
    const to = offset + partner.count;
    offset = to;
    await step(`insert ${partner.slug} ${partner.count}`, () =>
      sql.unsafe(
        `
        with src as (
          select n,
            ($1::text[])[1 + (r1 % array_length($1::text[], 1))] as surname,
            ($2::text[])[1 + (r2 % array_length($2::text[], 1))] as given,
            r3, r4, r5, r6,
            10000000 + (n * 7919) % 90000000 as digits,
            $5::timestamptz - interval '3 years' - interval '1 day'
              + ((n - $8)::float8 / $9 * 3 * 365 * 86400 + r6 % 86400) * interval '1 second' as created
          from generate_series($8::bigint, $10::bigint) as n,
          lateral (select
            hashint8extended(n, 1) & 9223372036854775807 as r1,
            hashint8extended(n, 2) & 9223372036854775807 as r2,
            hashint8extended(n, 3) & 9223372036854775807 as r3,
            hashint8extended(n, 4) & 9223372036854775807 as r4,
            hashint8extended(n, 5) & 9223372036854775807 as r5,
            hashint8extended(n, 6) & 9223372036854775807 as r6) r
        )
        insert into customers (partner_id, name, birth_date, phone, email, address,
          consent_privacy_at, consent_credit_inquiry_at, consent_marketing_at, tags, created_at, updated_at)
        select
          (select id from partners where slug = $7),
          split_part(surname, '|', 1) || split_part(given, '|', 1),
          date '1950-01-01' + (r3 % 20000)::int,
          '010-' || left(digits::text, 4) || '-' || right(digits::text, 4),
          case when r4 % 20 = 0 then null
            else split_part(given, '|', 2) || '.' || split_part(surname, '|', 2) || (n % 1000)
              || '@' || ($4::text[])[1 + (r4 / 20) % array_length($4::text[], 1)] end,
          ($3::text[])[1 + (r5 % array_length($3::text[], 1))] || ' ' || (1 + r5 / 16 % 300)
            || ', ' || (101 + r5 / 5000 % 20) || '동 ' || (1 + r5 / 100000 % 25) || '0' || (1 + r5 / 3000000 % 4) || '호',
          created,
          case when r3 / 20000 % 10 < 9 then created end,
          case when r3 / 200000 % 10 < 4 then created end,
          case when r4 / 1000 % 100 < 10 then array[($6::text[])[1 + (r4 / 100000) % array_length($6::text[], 1)]]
            else '{}'::text[] end,
          created,
          least($5::timestamptz, created + (r6 / 86400 % 400) * interval '1 day' * (r4 / 7 % 2))
        from src
        order by n`,
        [
          surnames,
          GIVEN.map(([ko, en]) => `${ko}|${en}`),
          STREETS,
          DOMAINS,
          `${input.today}T09:00:00+09:00`,
          TAGS,
          partner.slug,
          from,
          partner.count,
          to,
        ],
      ),
    );
  }
  await step("rebuild indexes", async () => {
    await sql.begin(async (tx) => {
      await tx.unsafe("set local maintenance_work_mem = '1GB'");
      for (const i of indexes) await tx.unsafe(i.indexdef);
      await tx.unsafe("alter table customer_phone_runs add primary key (run, partner_id, name, id)");
    });
  });
  await step("vacuum analyze", () => sql.unsafe("vacuum (analyze) customers, customer_phone_runs"));
  return steps;
}
