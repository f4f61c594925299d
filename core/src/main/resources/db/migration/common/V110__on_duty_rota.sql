-- The on-duty rota kept in the store and edited by supervisors (issue 24, ADR 0143): one row per consultant's hours
-- on some weekdays, in the desk's time zone. The configuration's rota (desk.on-duty) seeds the empty table on the
-- first start; from then on this table is the rota. days: "mon-fri", "sat,sun"; from_time before to_time ("24:00" is
-- the end of the day; a night shift is two rows). seq keeps the order supervisors gave.
CREATE TABLE on_duty_shifts (
    id        ${id},
    seq       INTEGER     NOT NULL,
    name      VARCHAR(64) NOT NULL,
    mobile    VARCHAR(32) NOT NULL,
    days      VARCHAR(40) NOT NULL,
    from_time VARCHAR(5)  NOT NULL,
    to_time   VARCHAR(5)  NOT NULL
);
