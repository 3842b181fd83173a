package io.offgridflow.cli;

import io.offgridflow.calc.Activity;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.inventory.Inventory;
import io.offgridflow.inventory.InventoryAccumulator;
import java.util.HashSet;
import java.util.Set;

/**
 * The inventory of a run, summed in one {@link InventoryAccumulator} per (site, org unit, period)
 * cell and merged at the end.
 *
 * <p>Why not one accumulator: it remembers only the last cell, and consecutive rows rarely share
 * one, so on almost every row it built a record key and hashed and compared it through the
 * record's generic {@code hashCode}/{@code equals}, which are slow until the JIT has compiled them
 * and large for it to compile. An accumulator per cell always finds its last cell. The cells are
 * found here by the identity of the activity's site, org unit and period Strings, which the reader
 * shares between rows ({@link StringPool}), with equality as the fallback.
 *
 * <p>The sums are exact, so the merged inventory is the one a single accumulator gives, bit for
 * bit. So that {@link Inventory#datasetsUsed()} keeps first-use order, the first result of each
 * dataset goes to an accumulator that is merged first. Past {@code maxCells} cells the rest share
 * one accumulator, so memory stays bounded.
 */
final class CellInventory {
  static final int MAX_CELLS = 4096;

  private final int maxCells;
  private String[] sites = new String[64];
  private String[] orgUnits = new String[64];
  private String[] periods = new String[64];
  private InventoryAccumulator[] accumulators = new InventoryAccumulator[64];
  private int size;
  private final InventoryAccumulator overflow = Inventory.accumulator();
  /** The first result of each dataset, in order; see the class comment. */
  private final InventoryAccumulator firsts = Inventory.accumulator();
  private final Set<String> datasets = new HashSet<>();
  private String lastDataset = "";

  CellInventory() {
    this(MAX_CELLS);
  }

  CellInventory(int maxCells) {
    this.maxCells = maxCells;
  }

  void add(EmissionResult r) {
    String dataset = r.provenance().datasetId();
    if (dataset != lastDataset) {
      lastDataset = dataset;
      if (datasets.add(dataset)) {
        firsts.add(r);
        return;
      }
    }
    accumulator(r.activity()).add(r);
  }

  private InventoryAccumulator accumulator(Activity a) {
    String site = a.site();
    String orgUnit = a.orgUnit();
    String period = a.period();
    int mask = accumulators.length - 1;
    int slot = slot(hash(site, orgUnit, period), mask);
    while (true) {
      InventoryAccumulator acc = accumulators[slot];
      if (acc == null) {
        return newCell(site, orgUnit, period, slot);
      }
      if ((sites[slot] == site && orgUnits[slot] == orgUnit && periods[slot] == period)
          || (sites[slot].equals(site) && orgUnits[slot].equals(orgUnit) && periods[slot].equals(period))) {
        return acc;
      }
      slot = (slot + 1) & mask;
    }
  }

  private static int hash(String site, String orgUnit, String period) {
    return (site.hashCode() * 31 + orgUnit.hashCode()) * 31 + period.hashCode();
  }

  private static int slot(int hash, int mask) {
    return (hash ^ (hash >>> 16)) & mask;
  }

  private InventoryAccumulator newCell(String site, String orgUnit, String period, int slot) {
    if (size >= maxCells) {
      return overflow;
    }
    InventoryAccumulator acc = Inventory.accumulator();
    sites[slot] = site;
    orgUnits[slot] = orgUnit;
    periods[slot] = period;
    accumulators[slot] = acc;
    if (++size * 2 > accumulators.length) {
      grow();
    }
    return acc;
  }

  private void grow() {
    String[] oldSites = sites;
    String[] oldOrgUnits = orgUnits;
    String[] oldPeriods = periods;
    InventoryAccumulator[] old = accumulators;
    int n = old.length * 2;
    sites = new String[n];
    orgUnits = new String[n];
    periods = new String[n];
    accumulators = new InventoryAccumulator[n];
    for (int j = 0; j < old.length; j++) {
      if (old[j] != null) {
        int i = slot(hash(oldSites[j], oldOrgUnits[j], oldPeriods[j]), n - 1);
        while (accumulators[i] != null) {
          i = (i + 1) & (n - 1);
        }
        sites[i] = oldSites[j];
        orgUnits[i] = oldOrgUnits[j];
        periods[i] = oldPeriods[j];
        accumulators[i] = old[j];
      }
    }
  }

  /** Everything added so far, as one inventory. */
  Inventory build() {
    InventoryAccumulator all = Inventory.accumulator().merge(firsts);
    for (InventoryAccumulator acc : accumulators) {
      if (acc != null) {
        all.merge(acc);
      }
    }
    return all.merge(overflow).build();
  }
}
