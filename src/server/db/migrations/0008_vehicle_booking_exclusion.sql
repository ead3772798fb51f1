-- No two live bookings (any status but cancelled) of one vehicle, or of one driver, may
-- overlap. Periods are half-open [start_at, end_at): a booking ending at 11:00 and one
-- starting at 11:00 do not overlap. PGlite ships without btree_gist, so the id equality is
-- written as overlap of the one-point range [id, id], which core gist supports. (On Citus,
-- where btree_gist is available, the same rule reads `tenant_id WITH =, vehicle_id WITH =`,
-- which also satisfies its rule that exclusion constraints include the distribution column.)
-- The service maps SQLSTATE 23P01 on these constraint names to 409 VEHICLE_BOOKED /
-- VEHICLE_DRIVER_BOOKED. The gist indexes behind them also serve the availability search.
ALTER TABLE "vehicle_bookings" ADD CONSTRAINT "vehicle_bookings_vehicle_excl"
  EXCLUDE USING gist (int4range(vehicle_id, vehicle_id, '[]') WITH &&, tstzrange(start_at, end_at, '[)') WITH &&)
  WHERE (status <> 'cancelled');
--> statement-breakpoint
ALTER TABLE "vehicle_bookings" ADD CONSTRAINT "vehicle_bookings_driver_excl"
  EXCLUDE USING gist (int4range(driver_id, driver_id, '[]') WITH &&, tstzrange(start_at, end_at, '[)') WITH &&)
  WHERE (status <> 'cancelled');
