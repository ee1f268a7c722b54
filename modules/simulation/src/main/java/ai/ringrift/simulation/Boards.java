package ai.ringrift.simulation;

import ai.ringrift.events.Board;

/** Cells of each RingRift board: what a simulated move picks from and an export encodes. */
final class Boards {
  private Boards() {}

  static int cells(Board board) {
    return switch (board) {
      case HEX8 -> 61;
      case SQUARE8 -> 64;
      case SQUARE19 -> 361;
      case HEXAGONAL -> 469;
    };
  }
}
