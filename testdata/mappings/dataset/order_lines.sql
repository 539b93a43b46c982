-- One order line with what its order, customer and sales rep say: the
-- target of northwind-order-lines.seam.yaml (a multi-table dataset).
CREATE TABLE order_lines (
    order_id smallint NOT NULL,
    product_id smallint NOT NULL,
    unit_price real NOT NULL,
    quantity smallint NOT NULL,
    discount real NOT NULL,
    order_date date,
    customer_id character varying(5),
    company_name character varying(40),
    sales_rep character varying(20),
    PRIMARY KEY (order_id, product_id)
);
