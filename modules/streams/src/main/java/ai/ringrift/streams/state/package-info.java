/**
 * The apps' internal store values ({@code SignalState}, {@code SeenEvent}), generated from {@code
 * src/main/avro}: namespace {@code ai.ringrift.streams.state}, which the changelogs' records are
 * written with, so it stays as it is. Depends on nothing else in the module.
 */
package ai.ringrift.streams.state;
