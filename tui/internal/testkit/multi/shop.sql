-- A small ERP: an order header table and its lines (tui test fixture).
CREATE TABLE orders (
    order_id integer NOT NULL PRIMARY KEY,
    customer_email varchar(60),
    order_date timestamp,
    total numeric(10,2) NOT NULL
);

CREATE TABLE order_details (
    order_id integer NOT NULL,
    line_no smallint NOT NULL,
    product_code varchar(12) NOT NULL,
    quantity smallint NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
