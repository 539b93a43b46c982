-- ERP sales order table (PostgreSQL).
CREATE TABLE erp_customer_order (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_no       VARCHAR(20)    NOT NULL UNIQUE,
    customer_name  VARCHAR(100)   NOT NULL,
    email          VARCHAR(254)   NOT NULL,
    is_deleted     BOOLEAN        NOT NULL,
    ordered_at     TIMESTAMP      NOT NULL,
    status         VARCHAR(10)    NOT NULL,
    subtotal       DECIMAL(12,2),
    total_amount   DECIMAL(12,2)  NOT NULL,
    currency_code  CHAR(3)        NOT NULL,
    ship_city      VARCHAR(60),
    ship_zip       INTEGER,
    created_by     VARCHAR(30)    NOT NULL DEFAULT 'shop-import'
);
