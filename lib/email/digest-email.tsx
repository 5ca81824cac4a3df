// The weekly digest email (React Email). Built for mail clients: layout tables, inline styles, system
// fonts only, no images (the trend is a row of table cells), every link absolute.
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import type { OrgDigest } from "../db/digest.ts";
import { fmtDelta, fmtScore, fmtSeverity, fmtStatus, fmtWeek, plural } from "./format.ts";
import type { DigestLinks } from "./links.ts";

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const C = {
  text: "#0f172a",
  muted: "#475569",
  border: "#e2e8f0",
  bg: "#f1f5f9",
  card: "#ffffff",
  link: "#0369a1",
  up: "#15803d",
  down: "#b91c1c",
  bar: "#0284c7",
  barEmpty: "#e2e8f0",
};
const GRADE_COLOR: Record<string, string> = { A: "#15803d", B: "#4d7c0f", C: "#a16207", D: "#c2410c", F: "#b91c1c" };

const h2: CSSProperties = { fontSize: "16px", fontWeight: 600, margin: "24px 0 8px", color: C.text };
const small: CSSProperties = { fontSize: "13px", lineHeight: "20px", color: C.muted, margin: "4px 0" };
const cell: CSSProperties = { fontSize: "13px", lineHeight: "18px", padding: "6px 8px", borderBottom: `1px solid ${C.border}`, color: C.text, textAlign: "left" };
/** Links inside running text are underlined (not told apart by colour alone). */
const inlineLink: CSSProperties = { color: C.link, textDecoration: "underline" };
const num: CSSProperties = { ...cell, textAlign: "right", whiteSpace: "nowrap" };

function deltaStyle(delta: number | null): CSSProperties {
  if (delta === null || Math.round(delta * 10) === 0) return { color: C.muted };
  return { color: delta > 0 ? C.up : C.down, fontWeight: 600 };
}

/** A layout table (role=presentation), or a data table with header cells when `data` is set. */
function Table({ children, label, data }: { children: ReactNode; label?: string; data?: boolean }) {
  return (
    <table role={data ? undefined : "presentation"} aria-label={data ? label : undefined} width="100%" cellPadding={0} cellSpacing={0} style={{ borderCollapse: "collapse", width: "100%" }}>
      <tbody>{children}</tbody>
    </table>
  );
}

export type DigestEmailProps = {
  digest: OrgDigest;
  links: DigestLinks;
  recipientName: string | null;
};

export function DigestEmail({ digest: d, links, recipientName }: DigestEmailProps) {
  const grade = d.score.gradeNow;
  const scored = d.trend.filter((p) => p.score !== null);
  const factorMoves = d.factors.filter((f) => f.avgDelta !== null && Math.round(f.avgDelta * 10) !== 0).sort((a, b) => a.avgDelta! - b.avgDelta!);
  return (
    <Html lang="en">
      <Head>
        <title>{`${d.org.name} weekly twelvefactor report, ${fmtWeek(d.week)}`}</title>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{previewLine(d)}</Preview>
      <Body style={{ backgroundColor: C.bg, margin: 0, padding: "24px 0", fontFamily: FONT, color: C.text }}>
        <Container style={{ maxWidth: "600px", width: "100%", backgroundColor: C.card, border: `1px solid ${C.border}`, borderRadius: "8px", padding: "24px" }}>
          <Text style={{ ...small, margin: 0 }}>twelvefactor · weekly report · {fmtWeek(d.week)}</Text>
          <Heading as="h1" style={{ fontSize: "22px", lineHeight: "28px", margin: "4px 0 16px", color: C.text }}>
            {d.org.name}
          </Heading>
          {recipientName ? <Text style={{ ...small, color: C.text, margin: "0 0 16px" }}>{`Hi ${recipientName}, here is what changed this week.`}</Text> : null}

          <Table>
            <tr>
              <td width="96" style={{ width: "96px", verticalAlign: "middle" }}>
                <div
                  style={{
                    width: "72px",
                    height: "72px",
                    lineHeight: "72px",
                    borderRadius: "36px",
                    textAlign: "center",
                    fontSize: "36px",
                    fontWeight: 700,
                    color: "#ffffff",
                    backgroundColor: grade ? GRADE_COLOR[grade] : C.muted,
                  }}
                >
                  {grade ?? "–"}
                </div>
              </td>
              <td style={{ verticalAlign: "middle" }}>
                <Text style={{ fontSize: "28px", lineHeight: "32px", fontWeight: 700, margin: 0 }}>
                  {fmtScore(d.score.now)}
                  <span style={{ fontSize: "14px", fontWeight: 400, color: C.muted }}> / 100</span>
                </Text>
                <Text style={{ ...small, margin: "2px 0 0" }}>
                  <span style={deltaStyle(d.score.delta)}>{fmtDelta(d.score.delta)}</span> since last week
                  {d.score.gradeBefore && d.score.gradeBefore !== grade ? ` (was ${d.score.gradeBefore})` : ""} · {plural(d.score.reposScored, "repository", "repositories")} scored ·{" "}
                  {plural(d.scansThisWeek, "scan")} this week
                </Text>
              </td>
            </tr>
          </Table>

          {scored.length > 1 ? <TrendBars trend={d.trend} /> : null}

          <Text style={h2}>Top regressions</Text>
          {d.regressions.length ? <Movers moves={d.regressions} links={links} /> : <Text style={small}>No repository lost points this week.</Text>}

          <Text style={h2}>Top improvements</Text>
          {d.improvements.length ? <Movers moves={d.improvements} links={links} /> : <Text style={small}>No repository gained points this week.</Text>}

          <Text style={h2}>New high and critical findings</Text>
          {d.newFindings.length ? (
            <Table>
              {d.newFindings.map((f, i) => (
                <tr key={i}>
                  <td style={{ ...cell, width: "70px" }}>
                    <span style={{ color: f.severity === "CRITICAL" ? C.down : "#c2410c", fontWeight: 600 }}>{fmtSeverity(f.severity)}</span>
                  </td>
                  <td style={cell}>
                    <Link href={links.repo(f.repoId)} style={inlineLink}>
                      {f.repoName}
                    </Link>{" "}
                    {f.message}
                    {f.path ? (
                      <span style={{ color: C.muted }}>
                        {" "}
                        · {f.path}
                        {f.line ? `:${f.line}` : ""}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </Table>
          ) : (
            <Text style={small}>None this week.</Text>
          )}
          {d.newFindingsTotal > d.newFindings.length ? <Text style={small}>…and {d.newFindingsTotal - d.newFindings.length} more in the dashboard.</Text> : null}

          <Text style={h2}>Fix these first</Text>
          {d.topFixes.length ? (
            d.topFixes.map((fix, i) => (
              <Section key={fix.ruleId} style={{ borderLeft: `3px solid ${C.bar}`, padding: "2px 0 2px 12px", margin: "0 0 12px" }}>
                <Text style={{ fontSize: "14px", lineHeight: "20px", margin: 0, fontWeight: 600 }}>
                  {i + 1}. {fix.ruleId}{" "}
                  <span style={{ fontWeight: 400, color: C.muted }}>
                    ({fmtSeverity(fix.severity)}, {plural(fix.repos.length, "repository", "repositories")},{" "}
                    <Link href={links.factor(fix.factor)} style={inlineLink}>
                      factor {fix.factor}
                    </Link>
                    )
                  </span>
                </Text>
                {fix.remediation ? <Text style={{ ...small, color: C.text }}>{fix.remediation}</Text> : null}
                <Text style={small}>
                  In:{" "}
                  {fix.repos.map((r, j) => (
                    <span key={r.id}>
                      {j > 0 ? ", " : ""}
                      <Link href={links.repo(r.id)} style={inlineLink}>
                        {r.name}
                      </Link>
                    </span>
                  ))}
                </Text>
              </Section>
            ))
          ) : (
            <Text style={small}>Nothing to fix: no open findings above info.</Text>
          )}

          <Text style={h2}>Factors</Text>
          <Table label="Factors" data>
            <tr>
              <th scope="col" style={{ ...cell, color: C.muted, fontWeight: 600 }}>Factor</th>
              <th scope="col" style={{ ...num, color: C.muted, fontWeight: 600 }}>pass / partial / fail</th>
              <th scope="col" style={{ ...num, color: C.muted, fontWeight: 600 }}>avg</th>
              <th scope="col" style={{ ...num, color: C.muted, fontWeight: 600 }}>change</th>
            </tr>
            {d.factors.map((f) => (
              <tr key={f.factor}>
                <td style={cell}>
                  <Link href={links.factor(f.factor)} style={{ color: C.link, textDecoration: "none" }}>
                    {f.roman} {f.name}
                  </Link>
                </td>
                <td style={num}>
                  {`${f.now.pass} / ${f.now.partial} / ${f.now.fail}`}
                </td>
                <td style={num}>{fmtScore(f.now.avgScore)}</td>
                <td style={{ ...num, ...deltaStyle(f.avgDelta) }}>{f.avgDelta === null ? "–" : fmtDelta(f.avgDelta)}</td>
              </tr>
            ))}
          </Table>
          {factorMoves.length ? (
            <Text style={small}>
              {[
                factorMoves[0]!.avgDelta! < 0 ? `Biggest drop: ${factorMoves[0]!.roman} ${factorMoves[0]!.name} ${fmtDelta(factorMoves[0]!.avgDelta)}.` : "",
                factorMoves.at(-1)!.avgDelta! > 0 ? `Biggest gain: ${factorMoves.at(-1)!.roman} ${factorMoves.at(-1)!.name} ${fmtDelta(factorMoves.at(-1)!.avgDelta)}.` : "",
              ]
                .filter(Boolean)
                .join(" ")}
            </Text>
          ) : null}

          <Section style={{ margin: "24px 0 8px" }}>
            <Link
              href={links.org}
              style={{ backgroundColor: C.link, color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "14px", fontWeight: 600, textDecoration: "none", display: "inline-block" }}
            >
              Open the {d.org.name} scorecard
            </Link>
          </Section>
          <Hr style={{ borderColor: C.border, margin: "24px 0 12px" }} />
          <Text style={{ ...small, fontSize: "12px" }}>
            You get this weekly report because you follow {d.org.name} on twelvefactor.{" "}
            <Link href={links.preferences} style={inlineLink}>
              Manage email preferences
            </Link>{" "}
            ·{" "}
            <Link href={links.unsubscribe} style={inlineLink}>
              Unsubscribe
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

function Movers({ moves, links }: { moves: OrgDigest["regressions"]; links: DigestLinks }) {
  return (
    <Table>
      {moves.map((m) => (
        <tr key={m.id}>
          <td style={cell}>
            <Link href={links.repo(m.id)} style={{ color: C.link, fontWeight: 600 }}>
              {m.name}
            </Link>
            {m.factorChanges.length ? (
              <span style={{ color: C.muted }}> · {m.factorChanges.map((c) => `${c.roman} ${c.name} ${fmtStatus(c.before)} → ${fmtStatus(c.now)}`).join("; ")}</span>
            ) : null}
          </td>
          <td style={num}>
            {`${fmtScore(m.before)} → ${fmtScore(m.now)}`}
          </td>
          <td style={{ ...num, ...deltaStyle(m.delta), width: "56px" }}>{fmtDelta(m.delta)}</td>
        </tr>
      ))}
    </Table>
  );
}

const BAR_MAX_PX = 60;

/** The org score over the last weeks as table cells (no images, works in every client). */
function TrendBars({ trend }: { trend: OrgDigest["trend"] }) {
  return (
    <Section style={{ margin: "16px 0 0" }}>
      <Text style={{ ...small, margin: "0 0 4px" }}>Org score, last {trend.length} weeks</Text>
      <table role="presentation" data-chart="score-trend" cellPadding={0} cellSpacing={0} style={{ borderCollapse: "separate", borderSpacing: "4px 0" }}>
        <tbody>
          <tr>
            {trend.map((p) => {
              const h = p.score === null ? 2 : Math.max(2, Math.round((p.score / 100) * BAR_MAX_PX));
              return (
                <td key={p.week} width="28" height={BAR_MAX_PX} style={{ width: "28px", height: `${BAR_MAX_PX}px`, verticalAlign: "bottom" }}>
                  <table role="presentation" cellPadding={0} cellSpacing={0} width="28" style={{ width: "28px" }}>
                    <tbody>
                      <tr>
                        <td
                          height={h}
                          title={`${p.week}: ${fmtScore(p.score)}`}
                          style={{ height: `${h}px`, lineHeight: `${h}px`, fontSize: "1px", backgroundColor: p.score === null ? C.barEmpty : C.bar }}
                        >
                          &nbsp;
                        </td>
                      </tr>
                    </tbody>
                  </table>
                </td>
              );
            })}
          </tr>
          <tr>
            {trend.map((p) => (
              <td key={p.week} style={{ fontSize: "10px", lineHeight: "14px", color: C.muted, textAlign: "center", paddingTop: "2px" }}>
                {p.score === null ? "–" : Math.round(p.score)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </Section>
  );
}

export function previewLine(d: OrgDigest): string {
  const parts = [`Grade ${d.score.gradeNow ?? "–"}, score ${fmtScore(d.score.now)} (${fmtDelta(d.score.delta)} since last week)`];
  if (d.newFindingsTotal) parts.push(`${plural(d.newFindingsTotal, "new high/critical finding")}`);
  if (d.regressions.length) parts.push(`${plural(d.regressions.length, "regression")}`);
  return parts.join(" · ");
}
