-- Targets of the nested benchmark: an order header and its lines.
CREATE TABLE orders (
  order_id bigint PRIMARY KEY,
  order_no varchar(20) NOT NULL,
  email varchar(100),
  ordered_at timestamp with time zone NOT NULL,
  total numeric(12,2) NOT NULL,
  currency char(3) NOT NULL
);
CREATE TABLE order_details (
  order_id bigint NOT NULL,
  line_no integer NOT NULL,
  line_id bigint NOT NULL,
  sku varchar(40),
  title varchar(200) NOT NULL,
  quantity smallint NOT NULL,
  unit_price numeric(10,2) NOT NULL
);
