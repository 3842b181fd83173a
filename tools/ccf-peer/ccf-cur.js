#!/usr/bin/env node
/*
 * Runs Cloud Carbon Footprint's own AWS Cost and Usage Reports estimator
 * (@cloud-carbon-footprint/aws 0.15.0, the package pinned in package.json) on a CUR CSV, in memory,
 * without Athena, and prints per-class totals as one JSON object.
 *
 *   node tools/ccf-peer/ccf-cur.js FILE.csv[.gz] [--no-accumulate] [--athena-group] [--detail] [--lines]
 *
 * Prints one JSON object; with --lines, key=value lines instead (for the Java side, which has no
 * JSON parser): a 'ccf' summary line, one 'class' line per class, one 'detail' line per
 * (class, service, usage type) with --detail.
 *
 * See README.md for which CCF functions are called and why.
 */
'use strict'

// Before the requires: Node's DEP0128 (core's dist/package.json) and aws-sdk v2's end-of-support
// notice would otherwise print on every run.
process.noDeprecation = true
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1'

const fs = require('fs')
const zlib = require('zlib')
const readline = require('readline')

// CCF asks Electricity Maps for hourly factors when this is set; the peer must use CCF's default
// region table (the same one OffGridFlow's ccf-2024 bundles), and there is no network anyway.
delete process.env.ELECTRICITY_MAPS_TOKEN

const {
  ComputeEstimator,
  StorageEstimator,
  NetworkingEstimator,
  MemoryEstimator,
  UnknownEstimator,
  EmbodiedEmissionsEstimator,
  appendOrAccumulateEstimatesByDay,
} = require('@cloud-carbon-footprint/core')
const { getEmissionsFactors } = require('@cloud-carbon-footprint/common')
const {
  CostAndUsageReports,
  AWS_CLOUD_CONSTANTS,
  AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH,
} = require('@cloud-carbon-footprint/aws')
// Not re-exported by the package index; the same modules CostAndUsageReports itself requires.
const CostAndUsageReportsRow =
  require('@cloud-carbon-footprint/aws/dist/lib/CostAndUsageReportsRow').default
const { LINE_ITEM_TYPES } = require('@cloud-carbon-footprint/aws/dist/lib/CostAndUsageTypes')
const { AWS_MAPPED_REGIONS_TO_ELECTRICITY_MAPS_ZONES } =
  require('@cloud-carbon-footprint/aws/dist/lib/AWSRegions')

const CLASSES = ['compute', 'storage', 'networking', 'memory', 'embodied', 'unknown']

function usage(msg) {
  if (msg) process.stderr.write(msg + '\n')
  process.stderr.write(
    'usage: node ccf-cur.js FILE.csv[.gz] [--no-accumulate] [--athena-group] [--detail] [--lines]\n')
  process.exit(2)
}

const args = process.argv.slice(2)
let file = null
let accumulate = true
let athenaGroup = false
let detail = false
let lines = false
for (const a of args) {
  if (a === '--no-accumulate') accumulate = false
  else if (a === '--lines') lines = true
  else if (a === '--athena-group') athenaGroup = true
  else if (a === '--detail') detail = true
  else if (a.startsWith('--')) usage('unknown option ' + a)
  else if (file === null) file = a
  else usage('more than one file')
}
if (file === null) usage()

// Column names as OffGridFlow's CurGenerator (and AWS) write them: CUR 1.0, then CUR 2.0.
const COLUMNS = {
  lineItemType: ['lineItem/LineItemType', 'line_item_line_item_type'],
  start: ['lineItem/UsageStartDate', 'line_item_usage_start_date'],
  account: ['lineItem/UsageAccountId', 'line_item_usage_account_id'],
  region: ['product/region', 'product_region_code', 'product_region'],
  service: ['lineItem/ProductCode', 'line_item_product_code'],
  usageType: ['lineItem/UsageType', 'line_item_usage_type'],
  unit: ['pricing/unit', 'pricing_unit'],
  vcpu: ['product/vcpu', 'product_vcpu'],
  product: ['product'], // CUR 2.0: JSON map holding "vcpu"
  amount: ['lineItem/UsageAmount', 'line_item_usage_amount'],
  blended: ['lineItem/BlendedCost', 'line_item_blended_cost'],
  unblended: ['lineItem/UnblendedCost', 'line_item_unblended_cost'],
}

/** RFC 4180 split of one record (quotes, doubled quotes); the caller joins quoted line breaks. */
function splitCsv(line) {
  const out = []
  let i = 0
  const n = line.length
  while (true) {
    if (line.charCodeAt(i) === 34) {
      let v = ''
      i++
      while (i < n) {
        const q = line.indexOf('"', i)
        if (q < 0) throw new Error('unterminated quote')
        v += line.slice(i, q)
        if (line.charCodeAt(q + 1) === 34) {
          v += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
      out.push(v)
      if (i >= n) return out
      i++ // the comma
    } else {
      const c = line.indexOf(',', i)
      if (c < 0) {
        out.push(line.slice(i))
        return out
      }
      out.push(line.slice(i, c))
      i = c + 1
      if (i === n) {
        out.push('')
        return out
      }
    }
  }
}

function quoteCount(s) {
  let k = 0
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) k++
  return k
}

function openInput(path) {
  const fd = fs.openSync(path, 'r')
  const magic = Buffer.alloc(2)
  fs.readSync(fd, magic, 0, 2, 0)
  fs.closeSync(fd)
  const raw = fs.createReadStream(path, { highWaterMark: 1 << 20 })
  if (magic[0] === 0x1f && magic[1] === 0x8b) return raw.pipe(zlib.createGunzip({ chunkSize: 1 << 20 }))
  if (magic[0] === 0x50 && magic[1] === 0x4b) throw new Error(path + ': zip is not supported by the peer; gunzip or unzip it first')
  return raw
}

/** Counts per class: kWh, metric tons CO2e (CCF's unit), rows that contributed. */
function newTotals() {
  const t = {}
  for (const c of CLASSES) t[c] = { kwh: 0, co2e_t: 0, rows: 0 }
  return t
}

async function main() {
  const totals = newTotals()
  const details = new Map() // class|service|usageType -> {kwh, co2e_t, rows}
  const counts = {
    rows_read: 0, ignored_line_item_type: 0, fed_to_ccf: 0, unsupported_or_zero: 0,
    unknown_rows: 0, compute_nan_rows: 0, non_finite_parts: 0, ccf_warnings: 0,
  }
  let ccfRowKwh = 0 // sum of the FootprintEstimates CCF returned per row (its own totals)
  let ccfRowCo2e = 0

  // The estimators exactly as AWSAccount.getDataFromCostAndUsageReports builds them, each wrapped
  // so the peer sees which class produced which part of a row's FootprintEstimate (CCF itself
  // returns compute + memory + embodied as one number per row).
  let parts = []
  const tap = (cls, estimator) => {
    const orig = estimator.estimate.bind(estimator)
    estimator.estimate = (...a) => {
      const r = orig(...a)
      for (const e of r) parts.push([cls, e.kilowattHours, e.co2e])
      return r
    }
    return estimator
  }
  const ccf = new CostAndUsageReports(
    tap('compute', new ComputeEstimator()),
    tap('storage', new StorageEstimator(AWS_CLOUD_CONSTANTS.SSDCOEFFICIENT)),
    tap('storage', new StorageEstimator(AWS_CLOUD_CONSTANTS.HDDCOEFFICIENT)),
    tap('networking', new NetworkingEstimator(AWS_CLOUD_CONSTANTS.NETWORKING_COEFFICIENT)),
    tap('memory', new MemoryEstimator(AWS_CLOUD_CONSTANTS.MEMORY_COEFFICIENT)),
    tap('unknown', new UnknownEstimator(AWS_CLOUD_CONSTANTS.ESTIMATE_UNKNOWN_USAGE_BY)),
    tap('embodied', new EmbodiedEmissionsEstimator(AWS_CLOUD_CONSTANTS.SERVER_EXPECTED_LIFESPAN)),
  )
  // CCF's winston logger writes logs/*.log in the working directory and one console line per
  // unsizable row; count the warnings instead. Only the logger object is replaced.
  const warnings = new Map()
  ccf.costAndUsageReportsLogger = {
    warn: (m) => { counts.ccf_warnings++; warnings.set(m, (warnings.get(m) || 0) + 1) },
    info: () => {}, debug: () => {}, error: (m) => { throw new Error('CCF error: ' + m) },
  }
  // CCF keeps the kWh-per-cost table for unknown usage in this module-level object; start empty.
  for (const k of Object.keys(AWS_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT)) {
    if (k !== 'total') delete AWS_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT[k]
  }
  AWS_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT.total = {}

  const record = (row, list) => {
    for (const [cls, kwh, co2e] of list) {
      if (!Number.isFinite(kwh) || !Number.isFinite(co2e)) {
        counts.non_finite_parts++
        continue
      }
      const t = totals[cls]
      t.kwh += kwh
      t.co2e_t += co2e
      t.rows += row.rowCount || 1
      if (detail) {
        const key = cls + '|' + row.serviceName + '|' + row.usageType
        const d = details.get(key) || { kwh: 0, co2e_t: 0, rows: 0 }
        d.kwh += kwh
        d.co2e_t += co2e
        d.rows += row.rowCount || 1
        details.set(key, d)
      }
    }
  }

  const results = []
  const unknownRows = []
  const grouped = new Map()
  const lineItemTypes = new Set(LINE_ITEM_TYPES)

  async function estimateRow(row) {
    // getEstimates(): factors per row (CCF's default table when no Electricity Maps token) ...
    const emissionsFactors = await getEmissionsFactors(
      row.region, row.timestamp.toISOString(), AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH,
      AWS_MAPPED_REGIONS_TO_ELECTRICITY_MAPS_ZONES, ccf.costAndUsageReportsLogger)
    parts = []
    const unknownBefore = unknownRows.length
    // ... then the row estimate, exactly as getEstimates() calls it.
    const estimate = ccf.getFootprintEstimateFromUsageRow(row, unknownRows, emissionsFactors)
    if (unknownRows.length > unknownBefore) counts.unknown_rows += row.rowCount || 1
    if (!estimate) {
      if (unknownRows.length === unknownBefore) counts.unsupported_or_zero += row.rowCount || 1
      return
    }
    const computeNaN = parts.some(([c, k]) => c === 'compute' && Number.isNaN(k))
    if (computeNaN && estimate.kilowattHours === 0) {
      // getEstimateByUsageUnit's "Could not estimate compute usage" branch: kWh 0, co2e NaN;
      // memory and embodied are dropped. Counted, not summed (it would make every total NaN).
      counts.compute_nan_rows += row.rowCount || 1
    } else {
      record(row, parts)
      ccfRowKwh += estimate.kilowattHours
      ccfRowCo2e += estimate.co2e
    }
    if (accumulate) appendOrAccumulateEstimatesByDay(results, row, estimate, 'day', [])
  }

  const t0 = process.hrtime.bigint()
  const input = openInput(file)
  const rl = readline.createInterface({ input, crlfDelay: Infinity })
  let col = null
  let pending = null
  for await (let line of rl) {
    if (pending !== null) {
      line = pending + '\n' + line
      pending = null
    }
    if ((quoteCount(line) & 1) === 1) {
      pending = line // quoted line break: the record continues on the next line
      continue
    }
    if (col === null) {
      const header = splitCsv(line.replace(/^\uFEFF/, ''))
      col = {}
      for (const [k, names] of Object.entries(COLUMNS)) {
        col[k] = -1
        for (const nm of names) {
          const i = header.indexOf(nm)
          if (i >= 0) { col[k] = i; break }
        }
      }
      for (const k of ['lineItemType', 'start', 'account', 'region', 'service', 'usageType', 'unit', 'amount']) {
        if (col[k] < 0) throw new Error(file + ': header lacks ' + COLUMNS[k].join(' or '))
      }
      if (col.blended < 0 && col.unblended < 0) throw new Error(file + ': header lacks a cost column')
      continue
    }
    if (line.length === 0) continue
    const f = splitCsv(line)
    counts.rows_read++
    // Athena query: WHERE line_item_line_item_type IN (LINE_ITEM_TYPES)
    if (!lineItemTypes.has(f[col.lineItemType])) {
      counts.ignored_line_item_type++
      continue
    }
    let vcpuText = col.vcpu >= 0 ? f[col.vcpu] : ''
    if (col.vcpu < 0 && col.product >= 0 && f[col.product] && f[col.product] !== '{}') {
      const p = JSON.parse(f[col.product])
      vcpuText = p.vcpu == null ? '' : String(p.vcpu)
    }
    const costText = col.blended >= 0 && f[col.blended] !== '' ? f[col.blended] : f[col.unblended]
    // Athena query: DATE(DATE_TRUNC('day', line_item_usage_start_date)) AS timestamp
    const day = new Date(f[col.start].slice(0, 10) + 'T00:00:00.000Z')
    counts.fed_to_ccf++
    if (athenaGroup) {
      // The Athena GROUP BY (day, account, region, service, usage type, unit, vCPU) with
      // SUM(usage amount) and SUM(blended cost), done in memory.
      const key = [f[col.start].slice(0, 10), f[col.account], f[col.region], f[col.service],
        f[col.usageType], f[col.unit], vcpuText].join('\u0001')
      const g = grouped.get(key)
      if (g) {
        g.amount += parseFloat(f[col.amount])
        g.cost += parseFloat(costText)
        g.n++
      } else {
        grouped.set(key, { day, account: f[col.account], region: f[col.region], service: f[col.service],
          usageType: f[col.usageType], unit: f[col.unit], vcpu: vcpuText,
          amount: parseFloat(f[col.amount]), cost: parseFloat(costText), n: 1 })
      }
      continue
    }
    // convertAthenaRowToCostAndUsageReportsRow(): vCpus '' -> null, parseFloat of amount and cost.
    const row = new CostAndUsageReportsRow(day, f[col.account], f[col.account], f[col.region],
      f[col.service], f[col.usageType], f[col.unit], vcpuText !== '' ? parseFloat(vcpuText) : null,
      parseFloat(f[col.amount]), parseFloat(costText), {})
    await estimateRow(row)
  }
  if (pending !== null) throw new Error(file + ': unterminated quoted field at end of file')
  for (const g of grouped.values()) {
    const row = new CostAndUsageReportsRow(g.day, g.account, g.account, g.region, g.service, g.usageType,
      g.unit, g.vcpu !== '' ? parseFloat(g.vcpu) : null, g.amount, g.cost, {})
    row.rowCount = g.n
    await estimateRow(row)
  }
  // getEstimates(): unknown rows after all known rows, from the kWh-per-cost table built above.
  const unknownCount = unknownRows.length
  if (results.length > 0 || !accumulate) {
    for (const row of unknownRows) {
      parts = []
      const estimate = ccf.getEstimateForUnknownUsage(row)
      if (estimate) {
        record(row, parts)
        ccfRowKwh += estimate.kilowattHours
        ccfRowCo2e += estimate.co2e
        if (accumulate) appendOrAccumulateEstimatesByDay(results, row, estimate, 'day', [])
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9

  const out = {
    peer: 'ccf',
    package: '@cloud-carbon-footprint/aws@' + require('@cloud-carbon-footprint/aws/package.json').version,
    core: require('@cloud-carbon-footprint/core/package.json').version,
    common: require('@cloud-carbon-footprint/common/package.json').version,
    file,
    mode: athenaGroup ? 'athena-group' : 'per-row',
    accumulate_by_day: accumulate,
    rows: counts.rows_read,
    ccf_rows_estimated: athenaGroup ? grouped.size : counts.fed_to_ccf,
    unknown_rows_estimated: unknownCount,
    seconds: +seconds.toFixed(3),
    rows_per_s: Math.round(counts.rows_read / seconds),
    counts,
    classes: {},
    total: { kwh_operational: 0, kwh_with_embodied_as_ccf: ccfRowKwh, co2e_kg: ccfRowCo2e * 1000 },
    day_results: results.length,
    peak_rss_mb: +(process.memoryUsage.rss() / 1048576).toFixed(1),
    warnings: Object.fromEntries([...warnings.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)),
  }
  for (const c of CLASSES) {
    out.classes[c] = { kwh: totals[c].kwh, co2e_kg: totals[c].co2e_t * 1000, rows: totals[c].rows }
    if (c !== 'embodied') out.total.kwh_operational += totals[c].kwh
  }
  if (detail) {
    out.detail = [...details.entries()].sort().map(([k, v]) => {
      const [cls, service, usageType] = k.split('|')
      return { class: cls, service, usage_type: usageType, kwh: v.kwh, co2e_kg: v.co2e_t * 1000, rows: v.rows }
    })
  }
  if (detail) {
    // CCF's own kWh-per-cost table, from which it estimates unknown usage (by unit only: see README).
    out.kwh_per_cost = []
    const table = AWS_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT
    for (const service of Object.keys(table).sort()) {
      for (const unit of Object.keys(table[service]).sort()) {
        const e = table[service][unit]
        out.kwh_per_cost.push({ service, unit, kwh: e.kilowattHours, cost: e.cost, kwh_per_cost: e.kilowattHours / e.cost })
      }
    }
  }
  if (!lines) {
    process.stdout.write(JSON.stringify(out, null, 1) + '\n')
    return
  }
  const kv = (o) => Object.entries(o).map(([k, v]) => k + '=' + String(v).replace(/\s/g, '_')).join(' ')
  const w = []
  w.push('ccf ' + kv({ package: out.package, mode: out.mode, rows: out.rows, seconds: out.seconds,
    rows_per_s: out.rows_per_s, peak_rss_mb: out.peak_rss_mb, ...out.counts,
    kwh_with_embodied_as_ccf: out.total.kwh_with_embodied_as_ccf, co2e_kg: out.total.co2e_kg }))
  for (const c of CLASSES) w.push('class ' + kv({ class: c, ...out.classes[c] }))
  for (const d of out.detail || []) w.push('detail ' + kv(d))
  for (const r of out.kwh_per_cost || []) w.push('ratio ' + kv(r))
  process.stdout.write(w.join('\n') + '\n')
}

main().catch((e) => {
  process.stderr.write((e && e.stack) || String(e))
  process.stderr.write('\n')
  process.exit(1)
})
